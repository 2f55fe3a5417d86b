import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';
import type { Body, Ok, Query } from '../api/types';
import { usePagedQuery } from '../common/usePagedQuery';

export type Product = Ok<paths['/api/v1/products/{id}']['get']>;
export type ProductCreateBody = Body<paths['/api/v1/products']['post']>;
export type ProductPatchBody = Body<paths['/api/v1/products/{id}']['patch']>;
export type ProductListQuery = Omit<Query<paths['/api/v1/products']['get']>, 'limit' | 'cursor'>;

export function useProductPages(query: ProductListQuery) {
  return usePagedQuery<Product>(['products', 'list', query], (cursor) =>
    call(client.GET('/api/v1/products', { params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
}

export function fetchProduct(id: string) {
  return call(client.GET('/api/v1/products/{id}', { params: { path: { id } } }));
}

export function fetchProducts(q: string) {
  return call(client.GET('/api/v1/products', { params: { query: { limit: 20, ...(q ? { q } : {}) } } }));
}

export function useSaveProduct(product: Product | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: ProductCreateBody; version: number }) =>
      product
        ? call(client.PATCH('/api/v1/products/{id}', { params: { path: { id: product.id } }, body, headers: ifMatch(version) }))
        : call(client.POST('/api/v1/products', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
}
