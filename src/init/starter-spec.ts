/**
 * The commented starter spec `foundation init` writes: one eksctl cluster, one service deployed with
 * kubectl YAML, two environments. `schemaPath` is where editors find the JSON schema; `kubernetesVersion`
 * is the cluster's (the newest EKS offers, when init runs).
 */
export function starterSpec(schemaPath: string, kubernetesVersion: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
#
# foundation.yaml: your clusters and services in one file. \`npx foundation compile\` turns it into
# eksctl ClusterConfigs and scripts, Pulumi programs and kubectl YAML under out/ (commit out/ too, so
# a reviewer sees every generated change). Every key is described in foundation's README ("Spec reference").
apiVersion: foundation/v1alpha1
kind: Foundation
metadata:
  name: platform                # names the Pulumi projects: platform-provisioning, platform-deploy
  organization: my-org          # your Pulumi organization (used when a service deploys with Pulumi)

environments:                   # every service is deployed once per environment
  staging:
    namespace: staging          # the Kubernetes namespace of this environment on every cluster
    stackSuffix: staging        # Pulumi application stacks are named <service>-staging
  production:
    namespace: production
    stackSuffix: production

clusters:
  main:
    provisioner: eksctl         # eksctl: out/provisioning/manual/ holds its ClusterConfig and scripts
                                # (pulumi: a stack of the provisioning program instead; it needs \`stack:\`)
    region: us-east-1
    kubernetesVersion: "${kubernetesVersion}"   # the newest EKS offered when this was written; quoted: 1.30 unquoted would be 1.3
    vpc:
      cidr: 10.0.0.0/16         # must not overlap another cluster's VPC
      natGateway: single        # single | highlyAvailable | disable
    nodeGroups:
      general:
        instanceTypes: [m5.large]
        minSize: 2
        desiredSize: 2
        maxSize: 4
        volumeSizeGiB: 50
    addons:                     # each add-on gets an install script (or a Helm release with Pulumi)
      awsLoadBalancerController: { chartVersion: 1.8.1 }   # needed by services with an ingress
      metricsServer: { chartVersion: 3.12.1 }              # needed by services with autoscaling

services:
  web:
    cluster: main
    deployWith: kubectl         # kubectl: YAML under out/gitops/manual_deploy/web/<environment>/
                                # (pulumi: a Pulumi application stack per environment instead)
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web   # the repository; the tag is per environment
    port: 8080
    healthCheck: { path: /healthz }
    resources:
      requests: { cpu: 100m, memory: 128Mi }
      limits: { cpu: 500m, memory: 512Mi }
    config:                     # becomes the service's ConfigMap, one environment variable per key
      LOG_LEVEL: info
    ingress:
      host: web.example.com
    autoscaling: { minReplicas: 2, maxReplicas: 6, targetCPUUtilization: 70 }
    environments:               # per-environment values, merged over the service's own
      staging:
        imageTag: v0.1.0
        config: { LOG_LEVEL: debug }
        ingress: { host: staging.web.example.com }
        autoscaling: { minReplicas: 1, maxReplicas: 2 }
      production:
        imageTag: v0.1.0
`;
}
