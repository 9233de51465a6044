import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../auth/auth-context';
import { StocksQueryDto, WhippyStockDto } from './stocks.dto';
import { toWhippyStock } from './stocks.mapper';
import { StocksRepository } from './stocks.repository';

/** Document 000's view of stock: the same rows as 003's inventory items, in Whippy Ware's shape. */
@Injectable()
export class StocksService {
  constructor(private readonly stocks: StocksRepository) {}

  async list(auth: AuthContext, query: StocksQueryDto): Promise<{ count: number; results: WhippyStockDto[] }> {
    const [rows, count] = await this.stocks.page(auth, query);
    return { count, results: rows.map(toWhippyStock) };
  }
}
