/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything starting with 50. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;
