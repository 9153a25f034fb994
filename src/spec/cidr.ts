/** IPv4 CIDR blocks: parsing, overlap, and the subnet plan both provisioners share. */

export interface Cidr {
  readonly network: number;
  readonly prefix: number;
}

/** The largest and smallest VPC the subnet plan supports. */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 24;

/** Parses "a.b.c.d/n"; a string explains what is wrong. */
export function parseCidr(text: string): Cidr | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return "must be an IPv4 CIDR block such as 10.0.0.0/16";
  const parts = match.slice(1, 5);
  if (parts.some((p) => p.length > 1 && p.startsWith("0"))) return "address parts may not have leading zeros";
  const octets = parts.map(Number);
  if (octets.some((o) => o > 255)) return "each part of the address must be 0 to 255";
  const prefix = Number(match[5]);
  if (prefix > 32) return "the prefix length must be 0 to 32";
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  if (network !== address) return `the address has host bits set; the block is ${formatCidr({ network, prefix })}`;
  return { network, prefix };
}

/** "a.b.c.d/n". */
export function formatCidr(cidr: Cidr): string {
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(cidr.network / 2 ** shift) % 256);
  return `${parts.join(".")}/${cidr.prefix}`;
}

/** True when the two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const aEnd = a.network + 2 ** (32 - a.prefix);
  const bEnd = b.network + 2 ** (32 - b.prefix);
  return a.network < bEnd && b.network < aEnd;
}

/** Subnets of a VPC across three availability zones: one public and one private per zone. */
export interface SubnetPlan {
  readonly public: readonly string[];
  readonly private: readonly string[];
}

/** How many availability zones the subnet plan spans. */
export const AVAILABILITY_ZONES = 3;

/**
 * Splits the VPC into eight equal blocks (as eksctl does): the first three public, the next three
 * private, two spare for growth.
 */
export function planSubnets(vpc: Cidr): SubnetPlan {
  const prefix = vpc.prefix + 3;
  const size = 2 ** (32 - prefix);
  const block = (i: number) => formatCidr({ network: vpc.network + i * size, prefix });
  return {
    public: Array.from({ length: AVAILABILITY_ZONES }, (_, i) => block(i)),
    private: Array.from({ length: AVAILABILITY_ZONES }, (_, i) => block(AVAILABILITY_ZONES + i)),
  };
}
