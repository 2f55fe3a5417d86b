import type en from './en.json';

// Every message id used with react-intl must exist in en.json (checked by tsc); the unit test
// messages.test.ts checks that every other language has exactly the same ids.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: keyof typeof en;
    }
  }
}
