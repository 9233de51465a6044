"""A partner's integration through the Python SDK against a running server (INVENTORY_API_URL;
its access tokens must live JWT_ACCESS_TTL_SECONDS=2 for the refresh test).

    INVENTORY_API_URL=http://127.0.0.1:8000 python3 -m unittest discover -s clients/python/tests -t clients/python
"""

import http.server
import json
import os
import random
import string
import threading
import time
import unittest

from inventory_client import InventoryClient, StockroomError

BASE_URL = os.environ.get('INVENTORY_API_URL')
PASSWORD = 'Correct-Horse-Battery-9'
UNIQUE = '%x%s' % (int(time.time() * 1000), ''.join(random.choice(string.ascii_lowercase) for _ in range(4)))


if not BASE_URL:
    raise RuntimeError('INVENTORY_API_URL must name the server under test')


class PartnerFlow(unittest.TestCase):
    """One company's integration, in order: each step builds on the one before."""

    client: InventoryClient
    username = 'sdk_py_' + UNIQUE

    @classmethod
    def setUpClass(cls) -> None:
        cls.client = InventoryClient(base_url=BASE_URL)
        registered = cls.client.register(username=cls.username, email=cls.username + '@example.com', password=PASSWORD)
        assert registered['user']['username'] == cls.username

    def test_1_signs_in_and_holds_tokens(self) -> None:
        session = self.client.login(username=self.username, password=PASSWORD)
        self.assertEqual(self.client.tokens, {'access': session['access'], 'refresh': session['refresh']})
        self.assertEqual(self.client.get_user()['username'], self.username)

    def test_2_stocks_products_and_pages_through_them(self) -> None:
        cls = type(self)
        cls.warehouse = self.client.create_warehouse(name='Main ' + UNIQUE, code=('P' + UNIQUE)[:20].upper())['warehouse']
        cls.products = []
        for i in range(23):
            product = self.client.create_product(name='Widget %d' % i, sku='SKU-%s-%d' % (UNIQUE, i), price=10 + i)
            cls.products.append(product)
            self.client.adjust_inventory(product_id=product['id'], warehouse_id=self.warehouse['id'], delta=5 + i, reason='received')
        one = self.client.get_inventory_items(product_id=self.products[3]['id'])
        self.assertEqual((one['count'], one['results'][0]['quantity']), (1, 8))

        by_page = [item['id'] for item in self.client.iterate_inventory_items(page_size=5, warehouse_id=self.warehouse['id'])]
        self.assertEqual(len(by_page), 23)
        self.assertEqual(len(set(by_page)), 23)
        by_cursor = [item['id'] for item in self.client.iterate_inventory_items(page_size=7, cursor='', warehouse_id=self.warehouse['id'])]
        self.assertEqual(sorted(by_cursor), sorted(by_page))

    def test_3_places_an_order_once_for_one_idempotency_key(self) -> None:
        customer = self.client.create_customer(name='Ada Buyer', shipping_address={'street': '1 Main St', 'city': 'Springfield', 'country': 'US'})
        line = {'product_id': self.products[0]['id'], 'quantity': 2, 'warehouse_id': self.warehouse['id']}
        first = self.client.create_order(customer_id=customer['id'], items=[line], idempotency_key='order-' + UNIQUE)
        again = self.client.create_order(customer_id=customer['id'], items=[line], idempotency_key='order-' + UNIQUE)
        self.assertEqual(again['id'], first['id'])
        pending = self.client.get_orders(status='pending', customer_id=customer['id'])
        self.assertEqual(pending['count'], 1)
        stock = self.client.get_inventory_items(product_id=self.products[0]['id'])
        self.assertEqual(stock['results'][0]['reserved_quantity'], 2)

    def test_4_reads_errors_as_typed_errors(self) -> None:
        with self.assertRaises(StockroomError) as invalid:
            self.client.create_product(name='', price=-1)
        self.assertEqual((invalid.exception.status, invalid.exception.code), (400, 'VALIDATION_ERROR'))
        self.assertIn('price', invalid.exception.details)
        self.assertTrue(invalid.exception.request_id)
        with self.assertRaises(StockroomError) as missing:
            self.client.get_order(2000000000)
        self.assertEqual((missing.exception.status, missing.exception.code), (404, 'NOT_FOUND'))

    def test_5_refreshes_an_expired_access_token(self) -> None:
        before = self.client.tokens
        time.sleep(3)
        self.assertEqual(self.client.get_user()['username'], self.username)
        after = self.client.tokens
        self.assertNotEqual(after['access'], before['access'])
        self.assertNotEqual(after['refresh'], before['refresh'])
        # A copy of the spent refresh token cannot renew, and presenting it ends the session.
        stale = InventoryClient(token=before['access'], refresh_token=before['refresh'], base_url=BASE_URL)
        with self.assertRaises(StockroomError) as refused:
            stale.get_user()
        self.assertEqual(refused.exception.status, 401)
        time.sleep(2.1)
        with self.assertRaises(StockroomError) as ended:
            self.client.get_user()
        self.assertEqual(ended.exception.status, 401)
        self.client.login(username=self.username, password=PASSWORD)
        self.assertEqual(self.client.get_user()['username'], self.username)

    def test_6_an_integration_key_works_as_api_key(self) -> None:
        created = self.client.create_api_token(name='partner ' + UNIQUE)
        partner = InventoryClient(api_key=created['token'], base_url=BASE_URL)
        self.assertEqual(partner.get_inventory_items(page_size=1)['count'], 23)
        csv = partner.export_inventory()
        self.assertIn('SKU-%s-0' % UNIQUE, csv)

    def test_7_uploads_a_csv_import_and_follows_it(self) -> None:
        rows = 'sku,warehouse_code,quantity\nSKU-%s-1,%s,40\n' % (UNIQUE, self.warehouse['code'])
        job = self.client.bulk_import_inventory(rows.encode('utf-8'), filename='stock.csv', mode='all_or_nothing')
        for _ in range(100):
            job = self.client.get_inventory_import(job['id'])
            if job['status'] in ('completed', 'failed'):
                break
            time.sleep(0.1)
        self.assertEqual(job['status'], 'completed', job)
        item = self.client.get_inventory_items(product_id=self.products[1]['id'])['results'][0]
        self.assertEqual(item['quantity'], 40)


class Retries(unittest.TestCase):
    def test_429_and_503_are_retried_as_retry_after_asks_with_one_idempotency_key(self) -> None:
        seen = []
        answers = [429, 503, 201]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get('Content-Length', 0)))
                self.answer()

            def do_GET(self) -> None:  # noqa: N802
                self.answer()

            def answer(self) -> None:
                seen.append((self.headers.get('Idempotency-Key'), time.monotonic()))
                status = answers.pop(0) if answers else 429
                body = b'{"id": 7}' if status == 201 else b'{"error": {"code": "RATE_LIMITED", "status": 429, "message": "Slow down", "details": null}}'
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Retry-After', '1')
                self.send_header('X-Request-Id', 'req-1')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            local = InventoryClient(token='opaque', base_url='http://127.0.0.1:%d' % server.server_port)
            self.assertEqual(local.create_customer(name='x'), {'id': 7})
            self.assertEqual(len(seen), 3)
            self.assertTrue(seen[0][0])
            self.assertTrue(all(key == seen[0][0] for key, _ in seen))
            self.assertGreaterEqual(seen[1][1] - seen[0][1], 0.9)
            self.assertGreaterEqual(seen[2][1] - seen[1][1], 0.9)

            del seen[:]
            bounded = InventoryClient(base_url='http://127.0.0.1:%d' % server.server_port, max_retries=1)
            with self.assertRaises(StockroomError) as limited:
                bounded.get_customers()
            self.assertEqual((limited.exception.status, limited.exception.code, limited.exception.request_id), (429, 'RATE_LIMITED', 'req-1'))
            self.assertEqual(len(seen), 2)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == '__main__':
    unittest.main()
