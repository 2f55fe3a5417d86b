import { Button } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorState } from './states';
import { usePageTitle } from './usePageTitle';

export default function NotFound() {
  usePageTitle('error.notFound.title');
  return (
    <>
      <ErrorState error={new ApiError({ status: 404, title: 'Not Found' })} />
      <Button component={Link} to="/" variant="default" mx="auto" display="block" w="fit-content">
        <FormattedMessage id="nav.home" />
      </Button>
    </>
  );
}
