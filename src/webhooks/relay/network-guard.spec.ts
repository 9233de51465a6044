import { refusedAddress } from './network-guard';

describe('refusedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['10.1.2.3', 'private network (RFC 1918)'],
    ['172.16.0.1', 'private network (RFC 1918)'],
    ['172.31.255.255', 'private network (RFC 1918)'],
    ['192.168.1.1', 'private network (RFC 1918)'],
    ['169.254.169.254', 'link-local address'],
    ['169.254.1.1', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT (100.64.0.0/10)'],
    ['100.127.255.254', 'carrier-grade NAT (100.64.0.0/10)'],
    ['0.0.0.0', 'unspecified address'],
    ['224.0.0.1', 'multicast address'],
    ['239.255.255.250', 'multicast address'],
    ['255.255.255.255', 'reserved address (240.0.0.0/4)'],
    ['198.18.0.1', 'benchmarking network (198.18.0.0/15)'],
    ['::1', 'loopback address'],
    ['::', 'unspecified address'],
    ['fd00::1', 'unique local address (fc00::/7)'],
    ['fc12:3456::1', 'unique local address (fc00::/7)'],
    ['fe80::1', 'link-local address'],
    ['fe80::1%eth0', 'link-local address'],
    ['ff02::1', 'multicast address'],
    ['::ffff:127.0.0.1', 'loopback address, as ::ffff:127.0.0.1'],
    ['::ffff:7f00:1', 'loopback address, as ::ffff:7f00:1'],
    ['::ffff:169.254.169.254', 'link-local address, as ::ffff:169.254.169.254'],
    ['::10.0.0.1', 'private network (RFC 1918), as ::10.0.0.1'],
    ['64:ff9b::10.0.0.1', 'private network (RFC 1918), as 64:ff9b::10.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'link-local address, as 64:ff9b::a9fe:a9fe'],
    ['2002:c0a8:0101::1', 'private network (RFC 1918), as 2002:c0a8:0101::1'],
    ['2002:7f00:1::', 'loopback address, as 2002:7f00:1::'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(refusedAddress(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '100.63.255.255',
    '100.128.0.1',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('allows the public address %s', (address) => {
    expect(refusedAddress(address)).toBeUndefined();
  });
});
