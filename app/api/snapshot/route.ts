import { errorResponse } from '@/lib/server/http-errors';
import { getStore } from '@/lib/server/store';

export async function GET(): Promise<Response> {
  try {
    const { store } = await getStore();
    return Response.json(store.snapshot(), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
