-- The import floor: the database work of one CSV import (src/inventory/imports/data/import-processor.ts)
-- with no application around it, in one transaction. Runs in psql:
--   psql "$DATABASE_URL" -v company=ID -v user=ID -v file=/path/levels.csv -v columns='sku, warehouse_code, quantity' -f bench/import-floor.sql
-- or through bench/import-floor.js (the same statements, for machines without psql). Keep it in step
-- with the processor: the same staging, resolution, checks, inserts, update and ledger writes.
\set ON_ERROR_STOP on
begin;
set local work_mem = '64MB';
select set_config('app.company_id', :'company', true), set_config('role', 'stockroom_app', true);

create temp table import_staging (
  id bigint generated always as identity,
  sku text, warehouse_code text, warehouse_id text, location_code text, quantity text,
  min_stock_level text, max_stock_level text, name text, price text, category text
) on commit drop;
--copy
\copy import_staging (:columns) from :'file' with (format csv, header true)
select count(*)::int as total from import_staging;
analyze import_staging;

create temp table import_rows on commit drop as
with st as (
  select id, sku, location_code, quantity, min_stock_level, max_stock_level, name, price, category,
         case when warehouse_id ~ '^\s*[0-9]{1,9}\s*$' then btrim(warehouse_id)::int end as warehouse_ref,
         nullif(btrim(warehouse_code), '') as warehouse_code_ref
    from import_staging), resolved as materialized (
  select st.id + 1 as line,
         nullif(btrim(st.sku), '') as sku,
         coalesce(wi.id, wc.id) as warehouse_id, coalesce(wi.allow_negative_stock, wc.allow_negative_stock) as allow_negative_stock,
         coalesce(wi.uses_bins, wc.uses_bins, false) as uses_bins,
         nullif(btrim(st.location_code), '') as location_code, l.id as location_id,
         p.id as product_id,
         btrim(st.quantity) as quantity, nullif(btrim(st.min_stock_level), '') as min_level,
         nullif(btrim(st.max_stock_level), '') as max_level, nullif(btrim(st.name), '') as name,
         nullif(btrim(st.price), '') as price, coalesce(btrim(st.category), '') as category
    from st
    left join warehouses wi on wi.company_id = :company and wi.id = st.warehouse_ref
    left join warehouses wc on wc.company_id = :company and st.warehouse_ref is null and wc.code = st.warehouse_code_ref
    left join stock_locations l on l.company_id = :company and l.warehouse_id = coalesce(wi.id, wc.id) and l.code = btrim(st.location_code)
    left join products p on p.company_id = :company and p.sku = btrim(st.sku))
select r.*, s.id as level_id, s.reserved as level_reserved
  from resolved r
  left join stock_levels s on s.company_id = :company and s.product_id = r.product_id and s.warehouse_id = r.warehouse_id
                          and coalesce(s.location_id, 0) = coalesce(r.location_id, 0);
analyze import_rows;

create temp table import_errors on commit drop as
select r.line, e.col, e.message
  from (select * from import_rows where
          (sku is null)
    or (quantity is null or quantity !~ '^\s*[0-9]{1,9}\s*$')
    or (warehouse_id is null)
    or (location_code is not null and location_id is null and warehouse_id is not null)
    or (product_id is null and sku is not null and name is null)
    or (min_level !~ '^\s*[0-9]{1,9}\s*$')
    or (max_level !~ '^\s*[0-9]{1,9}\s*$')
    or (price !~ '^\s*[0-9]{1,10}(\.[0-9]{1,2})?\s*$')
    or (case when quantity ~ '^\s*[0-9]{1,9}\s*$' then not allow_negative_stock and btrim(quantity)::int < level_reserved end)
    or (uses_bins and location_code is null)) r
 cross join lateral (values
    (sku is null, 'sku', 'This field is required.'),
    (quantity is null or quantity !~ '^\s*[0-9]{1,9}\s*$', 'quantity', 'A whole number from 0 is required.'),
    (warehouse_id is null, 'warehouse_code', 'Unknown warehouse.'),
    (location_code is not null and location_id is null and warehouse_id is not null, 'location_code', 'Unknown location in this warehouse.'),
    (product_id is null and sku is not null and name is null, 'sku', 'Unknown SKU; give name (and price) to create the product.'),
    (min_level !~ '^\s*[0-9]{1,9}\s*$', 'min_stock_level', 'A whole number from 0 is required.'),
    (max_level !~ '^\s*[0-9]{1,9}\s*$', 'max_stock_level', 'A whole number from 0 is required.'),
    (price !~ '^\s*[0-9]{1,10}(\.[0-9]{1,2})?\s*$', 'price', 'A number with at most two decimals is required.'),
    (case when quantity ~ '^\s*[0-9]{1,9}\s*$' then not allow_negative_stock and btrim(quantity)::int < level_reserved end, 'quantity', 'Below the quantity reserved for orders.'),
    (uses_bins and location_code is null, 'location_code', 'This warehouse keeps its stock in bins; give location_code.')) e(bad, col, message)
 where e.bad;
insert into import_errors (line, col, message)
with fine as (select * from import_rows r where not exists (select 1 from import_errors e where e.line = r.line)),
shared as (select sku, warehouse_id, coalesce(location_id, 0) as location_id from fine group by 1, 2, 3 having count(*) > 1)
select line, 'sku', 'Duplicate of line ' || first_line || ' (same SKU, warehouse and location).'
  from (select f.line, min(f.line) over (partition by f.sku, f.warehouse_id, f.location_id) as first_line
          from fine f join shared d on d.sku = f.sku and d.warehouse_id = f.warehouse_id and d.location_id = coalesce(f.location_id, 0)) d
 where line <> first_line;
select line::int as line, col as column, message from import_errors order by line, col limit 1000;
select count(distinct line)::int as bad from import_errors;

do $$ begin
  if exists (select from import_errors) then
    create temp table import_good on commit drop as
    select r.* from import_rows r where not exists (select 1 from import_errors e where e.line = r.line);
    analyze import_good;
  else
    alter table import_rows rename to import_good;
  end if;
end $$;
create temp table import_new_products on commit drop as
with inserted as (
  insert into products (company_id, sku, name, price, category)
  select distinct on (sku) :company::int, sku, name, coalesce(price::numeric, 0), category
    from import_good where product_id is null order by sku, line
  returning id, sku)
select * from inserted;
analyze import_new_products;
create temp table import_apply (id bigint primary key, quantity int, min_level int, max_level int, old_on_hand int) on commit drop;
insert into import_apply (id, quantity, min_level, max_level, old_on_hand)
select s.id, btrim(g.quantity)::int, g.min_level::int, g.max_level::int, s.on_hand
  from import_good g join stock_levels s on s.company_id = :company and s.id = g.level_id
 where g.level_id is not null
 order by s.id
   for update of s;
analyze import_apply;

with created as (
  insert into stock_levels (company_id, product_id, warehouse_id, location_id, allow_negative, on_hand, min_stock_level, max_stock_level)
  select :company::int, coalesce(g.product_id, n.id), g.warehouse_id, g.location_id, g.allow_negative_stock, btrim(g.quantity)::int,
         coalesce(g.min_level::int, 0), g.max_level::int
    from import_good g left join import_new_products n on g.product_id is null and n.sku = g.sku
   where g.level_id is null
  returning id, product_id, warehouse_id, location_id, on_hand, reserved, available, min_stock_level, on_hand as quantity_delta, 0 as reserved_delta
), created_ledger as (
  insert into stock_movements (company_id, stock_level_id, product_id, warehouse_id, location_id, type, quantity_delta, reserved_delta, quantity_after, reason, reference, user_id)
  select :company::int, id, product_id, warehouse_id, location_id, 'import', quantity_delta, reserved_delta, on_hand, '', 'import:floor', :user::int
    from created where quantity_delta <> 0 or reserved_delta <> 0
), created_low_stock as (
  insert into events (company_id, type, payload)
  select :company::int, 'inventory.low_stock',
         jsonb_build_object('stock_level_id', c.id, 'product_id', c.product_id,
                            'sku', (select pr.sku from products pr where pr.company_id = :company::int and pr.id = c.product_id),
                            'warehouse_id', c.warehouse_id, 'location_id', c.location_id, 'available', c.available, 'min_stock_level', c.min_stock_level)
    from created c
   where c.available - c.quantity_delta + c.reserved_delta > c.min_stock_level and c.available <= c.min_stock_level
)
select count(*)::int as created from created;

with changed as (
  update stock_levels s
     set on_hand = a.quantity,
         min_stock_level = coalesce(a.min_level, s.min_stock_level),
         max_stock_level = coalesce(a.max_level, s.max_stock_level),
         updated_at = now()
    from import_apply a
   where s.company_id = :company and s.id = a.id
     and (s.on_hand <> a.quantity or s.min_stock_level is distinct from coalesce(a.min_level, s.min_stock_level)
          or s.max_stock_level is distinct from coalesce(a.max_level, s.max_stock_level))
  returning s.id, s.product_id, s.warehouse_id, s.location_id, s.on_hand, s.reserved, s.available, s.min_stock_level,
            s.on_hand - a.old_on_hand as quantity_delta, 0 as reserved_delta
), changed_ledger as (
  insert into stock_movements (company_id, stock_level_id, product_id, warehouse_id, location_id, type, quantity_delta, reserved_delta, quantity_after, reason, reference, user_id)
  select :company::int, id, product_id, warehouse_id, location_id, 'import', quantity_delta, reserved_delta, on_hand, '', 'import:floor', :user::int
    from changed where quantity_delta <> 0 or reserved_delta <> 0
), changed_low_stock as (
  insert into events (company_id, type, payload)
  select :company::int, 'inventory.low_stock',
         jsonb_build_object('stock_level_id', c.id, 'product_id', c.product_id,
                            'sku', (select pr.sku from products pr where pr.company_id = :company::int and pr.id = c.product_id),
                            'warehouse_id', c.warehouse_id, 'location_id', c.location_id, 'available', c.available, 'min_stock_level', c.min_stock_level)
    from changed c
   where c.available - c.quantity_delta + c.reserved_delta > c.min_stock_level and c.available <= c.min_stock_level
)
select (select count(*)::int from import_apply) as applied;
commit;
