/**
 * Synthetic foundation specs for the benchmark: N services over several clusters of both
 * provisioners, a mix of kubectl and Pulumi services, three environments, and every optional
 * field of the schema in use somewhere. Seeded, so the same options always give the same text.
 */
import { stringify } from "yaml";

/**
 * @typedef {object} GenerateOptions
 * @property {number} services How many services.
 * @property {number} [seed] Seed of the pseudo-random choices (default 1).
 * @property {boolean} [changed] Change one service (a new image tag in one environment), as a one-service edit would.
 */

const ENVIRONMENTS = {
  prod: { namespace: "production", stackSuffix: "production" },
  staging: { namespace: "staging", stackSuffix: "staging" },
  dev: { namespace: "dev", stackSuffix: "dev" },
};
const ENV_NAMES = Object.keys(ENVIRONMENTS);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];
const VPC_PREFIXES = [16, 18, 20, 22, 24];
const NAT_GATEWAYS = ["single", "highlyAvailable", "disable"];
const TEAMS = ["payments", "search", "catalog", "identity", "billing", "orders", "media", "ledger"];
const POLICIES = [
  "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
  "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
  "arn:aws:iam::123456789012:policy/team/read-parameters",
];

/** A small seeded generator (mulberry32): numbers in [0, 1). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many clusters a spec of `services` services spreads them over. */
export function clusterCount(services) {
  return Math.max(4, Math.min(20, Math.ceil(services / 50)));
}

/**
 * The clusters: even indexes eksctl, odd pulumi; every fifth cluster (from the third) has no
 * add-ons, and pulumi clusters with index 3 mod 4 have no accountId.
 */
function clusters(count, rnd) {
  const out = {};
  for (let i = 0; i < count; i++) {
    const pulumi = i % 2 === 1;
    const bare = i % 5 === 2;
    const prefix = VPC_PREFIXES[i % VPC_PREFIXES.length];
    const natGateway = i % 4 === 0 ? undefined : NAT_GATEWAYS[i % NAT_GATEWAYS.length];
    // Without NAT gateways, private nodes could not reach the internet: such clusters use public nodes.
    const publicOnly = natGateway === "disable";
    const general = {
      instanceTypes: ["m5.large"],
      minSize: 2,
      desiredSize: 3,
      maxSize: 6 + Math.floor(rnd() * 10),
    };
    if (i % 3 === 0) general.volumeSizeGiB = 50;
    if (publicOnly) general.privateNetworking = false;
    const batch = {
      instanceTypes: ["c5.xlarge", "c5a.xlarge"],
      capacityType: "spot",
      minSize: 0,
      desiredSize: 1,
      maxSize: 10,
      volumeSizeGiB: 100,
      privateNetworking: i % 4 !== 1 && !publicOnly,
      labels: { workload: "batch", "example.com/team": TEAMS[i % TEAMS.length] },
      taints: [{ key: "workload", value: "batch", effect: "NoSchedule" }, { key: "spot", effect: "PreferNoSchedule" }],
    };
    const cluster = {
      provisioner: pulumi ? "pulumi" : "eksctl",
      ...(pulumi ? { stack: `cluster-${i}` } : {}),
      region: REGIONS[i % REGIONS.length],
      ...(pulumi && i % 4 !== 3 ? { accountId: String(100000000000 + i) } : {}),
      kubernetesVersion: i % 3 === 0 ? "1.34" : "1.35",
      ...(i % 2 === 0 ? { tags: { team: "platform", "cost-center": `cc-${100 + i}` } } : {}),
      vpc: { cidr: `10.${i}.0.0/${prefix}`, ...(natGateway ? { natGateway } : {}) },
      nodeGroups: i % 2 === 0 ? { general, batch } : { general },
      ...(bare
        ? {}
        : {
            addons: {
              awsLoadBalancerController: { chartVersion: "1.8.1" },
              metricsServer: { chartVersion: "3.12.1" },
              ...(i % 3 === 0 ? {} : { clusterAutoscaler: { chartVersion: "9.37.0" } }),
            },
          }),
    };
    out[`cluster-${i}`] = cluster;
  }
  return out;
}

/** 12% of services use one environment, 38% two, the rest all three; always in declaration order. */
function environmentsOf(rnd) {
  const r = rnd();
  if (r < 0.12) return [ENV_NAMES[Math.floor(rnd() * 3)]];
  if (r < 0.5) return rnd() < 0.5 ? ["prod", "staging"] : ["staging", "dev"];
  return [...ENV_NAMES];
}

function service(index, clusterNames, clusterSpecs, rnd) {
  const team = TEAMS[index % TEAMS.length];
  const name = `${team}-${String(index).padStart(4, "0")}`;
  const clusterName = clusterNames[index % clusterNames.length];
  const cluster = clusterSpecs[clusterName];
  const hasAddons = cluster.addons !== undefined;
  const deployWith = rnd() < 0.6 ? "kubectl" : "pulumi";
  const port = [8080, 3000, 9000][index % 3];
  const envs = environmentsOf(rnd);
  const svc = {
    cluster: clusterName,
    deployWith,
    image: `123456789012.dkr.ecr.${cluster.region}.amazonaws.com/${team}/${name}`,
  };
  const sharedTag = rnd() < 0.25;
  if (sharedTag) svc.imageTag = `v1.${index % 10}.0`;
  svc.port = port;

  const scaling = hasAddons && rnd() < 0.7;
  const minReplicas = 1 + Math.floor(rnd() * 3);
  const maxReplicas = minReplicas + 2 + Math.floor(rnd() * 10);
  // With autoscaling the HPA owns the scale and replicas would only draw a warning. The draw stays, so
  // that every spec this generator made before draws the same numbers for everything else.
  rnd();
  if (!scaling) svc.replicas = 1 + Math.floor(rnd() * 3);
  if (rnd() < 0.85) {
    svc.healthCheck = { path: rnd() < 0.5 ? "/healthz" : "/ready" };
    if (rnd() < 0.3) Object.assign(svc.healthCheck, { port: port + 1, initialDelaySeconds: 10, periodSeconds: 15, timeoutSeconds: 3, failureThreshold: 5 });
  }
  if (rnd() < 0.8) {
    svc.resources = { requests: { cpu: "100m", memory: "128Mi" } };
    if (rnd() < 0.7) svc.resources.limits = { cpu: rnd() < 0.2 ? 1 : "500m", memory: "512Mi" };
  }
  if (rnd() < 0.9) {
    svc.config = { LOG_LEVEL: "info", SERVICE_NAME: name };
    if (rnd() < 0.5) svc.config.CACHE_TTL_SECONDS = "300";
  }
  if (rnd() < 0.5) svc.secrets = { DATABASE_URL: { secretName: `${name}-db`, key: "url" } };
  const serviceAccountAllowed = !(deployWith === "kubectl" && cluster.provisioner === "pulumi" && cluster.accountId === undefined);
  if (serviceAccountAllowed && rnd() < 0.4) svc.serviceAccount = { iamPolicyArns: [POLICIES[index % POLICIES.length]] };
  const ingress = hasAddons && rnd() < 0.6;
  if (ingress) {
    svc.ingress = { host: `${name}.example.com` };
    if (rnd() < 0.3) svc.ingress.path = "/api";
    if (rnd() < 0.2) svc.ingress.scheme = "internal";
    if (rnd() < 0.2) svc.ingress.targetType = "instance";
  }
  if (scaling) {
    svc.autoscaling = { maxReplicas };
    if (minReplicas > 1 || rnd() < 0.5) svc.autoscaling.minReplicas = minReplicas;
    if (rnd() < 0.6) svc.autoscaling.targetCPUUtilization = 60 + Math.floor(rnd() * 30);
  }

  svc.environments = {};
  envs.forEach((env, i) => {
    const override = {};
    if (!sharedTag || env === "dev") override.imageTag = env === "prod" ? `v1.${index % 10}.${i}` : `v1.${index % 10}.${i + 1}-${env}.${index % 7}`;
    if (i > 0) {
      // Every environment after the first needs its own route: a host of its own, or a path.
      if (ingress) override.ingress = rnd() < 0.7 ? { host: `${env}.${name}.example.com` } : { path: `/${env}` };
      if (svc.replicas !== undefined) override.replicas = scaling ? minReplicas : 1;
      if (scaling && rnd() < 0.5) override.autoscaling = { minReplicas, maxReplicas: minReplicas + 1 };
      if (rnd() < 0.4) override.config = { LOG_LEVEL: "debug" };
      if (rnd() < 0.15) override.resources = { requests: { memory: "64Mi" } };
      if (svc.healthCheck && rnd() < 0.1) override.healthCheck = { initialDelaySeconds: 20 };
    }
    if (env === "dev" && rnd() < 0.1) override.image = `registry.example.com/dev/${name}`;
    if (env === "dev" && rnd() < 0.05) override.port = port + 100;
    if (svc.secrets && env !== "prod" && rnd() < 0.2) override.secrets = { DATABASE_URL: { secretName: `${name}-${env}-db`, key: "url" } };
    if (svc.serviceAccount && env === "prod" && rnd() < 0.2) override.serviceAccount = { iamPolicyArns: [POLICIES[2]] };
    svc.environments[env] = override;
  });
  return [name, svc];
}

/**
 * A spec as a plain object, ready to serialize.
 * @param {GenerateOptions} options
 * @returns {Record<string, unknown>}
 */
export function generateSpecObject({ services, seed = 1, changed = false }) {
  const rnd = random(seed);
  const clusterSpecs = clusters(clusterCount(services), rnd);
  const clusterNames = Object.keys(clusterSpecs);
  const serviceSpecs = {};
  for (let i = 0; i < services; i++) {
    const [name, svc] = service(i, clusterNames, clusterSpecs, rnd);
    serviceSpecs[name] = svc;
  }
  if (changed) changeOneService(serviceSpecs);
  return {
    apiVersion: "foundation/v1alpha1",
    kind: "Foundation",
    metadata: { name: "bench", organization: "bench-org" },
    environments: ENVIRONMENTS,
    clusters: clusterSpecs,
    services: serviceSpecs,
  };
}

/** The first kubectl service (else the first service) gets a new image tag in its first environment. */
function changeOneService(serviceSpecs) {
  const all = Object.values(serviceSpecs);
  const target = all.find((s) => s.deployWith === "kubectl") ?? all[0];
  if (!target) return;
  const [first] = Object.values(target.environments);
  first.imageTag = "v9.9.9-changed";
}

/**
 * A spec as YAML text, ready to write as foundation.yaml.
 * @param {GenerateOptions} options
 * @returns {string}
 */
export function generateSpec(options) {
  return `# Synthetic benchmark spec: ${options.services} services, seed ${options.seed ?? 1}${options.changed ? ", one service changed" : ""}.\n${stringify(generateSpecObject(options), { lineWidth: 0 })}`;
}
