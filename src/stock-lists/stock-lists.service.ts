import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import type { TenantKey } from '../database/tenant-key';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';
import { definedOnly } from '../common/defined';
import { referencedElsewhere } from '../database/pg-errors';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import type {
  CreateStockListDto,
  CreateStockListRuleDto,
  StockListDto,
  StockListRuleDto,
  StockListStockDto,
  StockListStocksQueryDto,
  UpdateStockListDto,
  UpdateStockListRuleDto,
} from './dto/stock-list.dto';
import { StockListRule } from './entities/stock-list-rule.entity';
import { StockList } from './entities/stock-list.entity';
import { toRuleDto, toStockDto, toStockListDto } from './stock-lists.mapper';
import { sellableQuantity } from './sellable';
import { StockListsRepository } from './stock-lists.repository';

/** A rule's stock types without repeats; null for every type. */
const stockTypes = (types: string[] | null | undefined): string[] | null => (types ? [...new Set(types)] : null);

/** Stock-list rules and the stock lists that publish by them (a channel sells what its list says). */
@Injectable()
export class StockListsService {
  constructor(
    @InjectTenantRepository(StockListRule) private readonly rules: TenantRepository<StockListRule>,
    @InjectTenantRepository(StockList) private readonly lists: TenantRepository<StockList>,
    private readonly repository: StockListsRepository,
  ) {}

  async listRules(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: StockListRuleDto[] }> {
    const [rows, count] = await this.rules.findAndCount(auth, { order: { id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { count, results: rows.map(toRuleDto) };
  }

  async getRule(auth: AuthContext, id: number): Promise<StockListRuleDto> {
    return toRuleDto(await this.loadRule(auth, id));
  }

  async createRule(auth: AuthContext, dto: CreateStockListRuleDto): Promise<StockListRuleDto> {
    const scope = await this.checkScope(auth, dto.warehouse_ids, dto.location_ids ?? null);
    const rule = await this.rules.insert(auth, {
      name: dto.name,
      ...scope,
      stockTypes: stockTypes(dto.stock_types),
      safetyStock: dto.safety_stock ?? 0,
      safetyStockPercent: dto.safety_stock_percent === undefined || dto.safety_stock_percent === null ? null : String(dto.safety_stock_percent),
      minQuantityToPublish: dto.min_quantity_to_publish ?? 0,
      isActive: dto.is_active ?? true,
    });
    return toRuleDto(rule);
  }

  async updateRule(auth: AuthContext, id: number, dto: UpdateStockListRuleDto): Promise<StockListRuleDto> {
    const rule = await this.loadRule(auth, id);
    if (dto.warehouse_ids !== undefined || dto.location_ids !== undefined) {
      Object.assign(
        rule,
        await this.checkScope(auth, dto.warehouse_ids ?? rule.warehouseIds, dto.location_ids === undefined ? rule.locationIds : dto.location_ids),
      );
    }
    Object.assign(
      rule,
      definedOnly({
        name: dto.name,
        safetyStock: dto.safety_stock,
        minQuantityToPublish: dto.min_quantity_to_publish,
        isActive: dto.is_active,
      }),
    );
    if (dto.stock_types !== undefined) rule.stockTypes = stockTypes(dto.stock_types);
    if (dto.safety_stock_percent !== undefined) rule.safetyStockPercent = dto.safety_stock_percent === null ? null : String(dto.safety_stock_percent);
    await this.rules.save(auth, rule);
    return this.getRule(auth, id);
  }

  async removeRule(auth: AuthContext, id: number): Promise<void> {
    await this.loadRule(auth, id);
    if (await this.repository.ruleInUse(auth, id)) throw new Conflict('Stock lists publish by this rule; point them at another rule first.');
    await this.rules.delete(auth, { id });
  }

  async listLists(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: StockListDto[] }> {
    const [rows, count] = await this.lists.findAndCount(auth, { order: { id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { count, results: rows.map(toStockListDto) };
  }

  async getList(auth: AuthContext, id: number): Promise<StockListDto> {
    return toStockListDto(await this.loadList(auth, id));
  }

  async createList(auth: AuthContext, dto: CreateStockListDto): Promise<StockListDto> {
    await this.loadRule(auth, dto.rule_id);
    await this.assertCodeFree(auth, dto.code);
    return toStockListDto(await this.lists.insert(auth, { name: dto.name, code: dto.code, ruleId: dto.rule_id }));
  }

  async updateList(auth: AuthContext, id: number, dto: UpdateStockListDto): Promise<StockListDto> {
    const list = await this.loadList(auth, id);
    if (dto.rule_id !== undefined) await this.loadRule(auth, dto.rule_id);
    if (dto.code !== undefined && dto.code !== list.code) await this.assertCodeFree(auth, dto.code);
    Object.assign(list, definedOnly({ name: dto.name, code: dto.code, ruleId: dto.rule_id }));
    await this.lists.save(auth, list);
    return this.getList(auth, id);
  }

  async removeList(auth: AuthContext, id: number): Promise<void> {
    await this.loadList(auth, id);
    try {
      await this.lists.delete(auth, { id });
    } catch (err) {
      if (referencedElsewhere(err)) throw new Conflict('Marketplace connections sell by this stock list; point them at another list first.');
      throw err;
    }
  }

  async stocks(auth: AuthContext, id: number, query: StockListStocksQueryDto): Promise<{ count: number; results: StockListStockDto[] }> {
    const rule = await this.repository.ruleOfList(auth, id);
    if (!rule) throw new NotFound('Stock list not found.');
    if (query.cursor !== undefined && query.ordering)
      throw ValidationFailed.field('ordering', 'With a cursor, SKUs come in product id order; leave out ordering.');
    const { count, rows } = await this.repository.stocks(auth, rule, query);
    return { count, results: rows.map((row) => toStockDto(row, rule)) };
  }

  /**
   * What a channel may offer of each product: by the stock list's rule, or everything available
   * in every warehouse when there is no list. Products without stock get 0.
   */
  async sellableFor(auth: TenantKey, stockListId: number | null, products: Array<{ id: number; isActive: boolean }>): Promise<Map<number, number>> {
    const rule = stockListId === null ? null : await this.repository.ruleOfList(auth, stockListId);
    if (rule === undefined) throw new NotFound('Stock list not found.');
    const available = await this.repository.available(
      auth,
      products.map((p) => p.id),
      rule ?? { warehouseIds: null, locationIds: null, unbinned: true },
    );
    const holdBack = rule ?? { safetyStock: 0, safetyStockPercent: null, minQuantityToPublish: 0, isActive: true };
    return new Map(products.map((p) => [p.id, sellableQuantity(available.get(p.id) ?? 0, holdBack, p.isActive)]));
  }

  /** Loads a stock list of the company (404 otherwise). */
  async assertList(auth: AuthContext, id: number): Promise<void> {
    await this.loadList(auth, id);
  }

  /** The rule's warehouses and bins, every one the company's (else 404), each bin in one of the warehouses. */
  private async checkScope(
    auth: AuthContext,
    warehouseIds: number[],
    locationIds: number[] | null,
  ): Promise<Pick<StockListRule, 'warehouseIds' | 'locationIds'>> {
    const warehouses = [...new Set(warehouseIds)];
    const known = await this.repository.warehouseIds(auth, warehouses);
    if (warehouses.some((id) => !known.has(id))) throw new NotFound('Warehouse not found.');
    const locations = locationIds === null ? null : [...new Set(locationIds)];
    if (locations) {
      const bins = await this.repository.bins(auth, locations);
      if (locations.some((id) => !bins.has(id))) throw new NotFound('Stock location not found.');
      const outside = locations.filter((id) => !warehouses.includes(bins.get(id)!));
      if (outside.length > 0) throw ValidationFailed.field('location_ids', `Bins ${outside.join(', ')} are not in the rule's warehouses.`);
    }
    return { warehouseIds: warehouses, locationIds: locations };
  }

  private async assertCodeFree(auth: AuthContext, code: string): Promise<void> {
    if (await this.lists.exists(auth, { code })) throw new Conflict(`A stock list with code ${code} already exists.`);
  }

  private async loadRule(auth: TenantKey, id: number): Promise<StockListRule> {
    const rule = await this.rules.findOne(auth, { id });
    if (!rule) throw new NotFound('Stock list rule not found.');
    return rule;
  }

  private async loadList(auth: TenantKey, id: number): Promise<StockList> {
    const list = await this.lists.findOne(auth, { id });
    if (!list) throw new NotFound('Stock list not found.');
    return list;
  }
}
