"""Python client for the Stockroom inventory API, generated from its OpenAPI document.

    from inventory_client import InventoryClient

    client = InventoryClient(api_key='your-token')
    orders = client.get_orders(status='pending')
"""

from ._runtime import StockroomError
from .client import API_VERSION, InventoryClient

__all__ = ['API_VERSION', 'InventoryClient', 'StockroomError']
