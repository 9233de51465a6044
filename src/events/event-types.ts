/**
 * Every event the service emits: the outbox accepts no other type. The description and the
 * example payload are what partners read (events feed, webhooks).
 */
export const EVENT_TYPES = {
  'order.created': {
    description: 'An order was placed; its stock is reserved.',
    example: { order_id: 1042, customer_id: 7, total: 59.8, status: 'pending', items: [{ product_id: 3, quantity: 2 }] },
  },
  'order.updated': {
    description: "An order's status changed or a note was added to it.",
    example: { order_id: 1042, customer_id: 7, total: 59.8, status: 'processing', previous_status: 'pending', items: [{ product_id: 3, quantity: 2 }] },
  },
  'order.cancelled': {
    description: 'An order was cancelled; its reservations were released.',
    example: { order_id: 1042, customer_id: 7, total: 59.8, status: 'cancelled', previous_status: 'pending', items: [{ product_id: 3, quantity: 2 }] },
  },
  'payment.completed': {
    description: 'A payment for an order succeeded.',
    example: { transaction_id: 88, order_id: 1042, amount: 59.8, currency: 'USD' },
  },
  'shipment.created': {
    description: 'A shipment was created for an order.',
    example: { shipment_id: 31, order_id: 1042, carrier: 'ups', tracking_number: '1Z999AA10123456784' },
  },
  'shipment.delivered': {
    description: 'A shipment was delivered.',
    example: { shipment_id: 31, order_id: 1042, carrier: 'ups', delivered_at: '2026-12-02T10:15:00.000Z' },
  },
  'inventory.low_stock': {
    description: 'A stock row fell to or below its minimum level.',
    example: { stock_level_id: 5, product_id: 3, sku: 'WIDGET-1', warehouse_id: 1, location_id: null, available: 4, min_stock_level: 5 },
  },
  'inventory.import.completed': {
    description: 'A CSV import finished (applied, or refused as a whole).',
    example: { import_id: 12, status: 'completed', total_rows: 1000, processed_rows: 998, error_count: 2 },
  },
  'stock_count.applied': {
    description: 'A stock count was applied: on-hand set to the counted quantities.',
    example: { stock_count_id: 9, warehouse_ids: [1], lines: 12, adjusted_lines: 3 },
  },
  'endpoint.disabled': {
    description: 'The service turned a webhook endpoint off: it answered 410 Gone, or every attempt failed for days.',
    example: { webhook_id: 4, url: 'https://example.com/hooks', reason: 'The endpoint answered 410 Gone.' },
  },
  'webhook.test': {
    description: 'A test event sent to one webhook endpoint on request.',
    example: { webhook_id: 4, message: 'This is a test event.' },
  },
} as const satisfies Record<string, { description: string; example: Record<string, unknown> }>;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
