/** One statement of an IAM policy document. */
export interface PolicyStatement {
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource: "*";
  readonly Condition?: { readonly StringEquals: Readonly<Record<string, string>> };
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

/** The Auto Scaling group tags cluster-autoscaler discovers a cluster's node groups by (`--node-group-auto-discovery`). */
export function autoDiscoveryTags(clusterName: string): Readonly<Record<string, string>> {
  return { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
}

/**
 * cluster-autoscaler's IAM policy as its AWS docs recommend it (cluster-autoscaler/cloudprovider/aws,
 * "Full Cluster Autoscaler Features Policy", restricted): it may read every Auto Scaling group, but resize
 * or terminate instances only in the groups carrying both auto-discovery tags of its own cluster. eksctl's
 * well-known `autoScaler` policy has no such condition. Both provisioners attach this document.
 */
export function clusterAutoscalerPolicy(clusterName: string): PolicyDocument {
  const tags = autoDiscoveryTags(clusterName);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "autoscaling:DescribeTags",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
          "eks:DescribeNodegroup",
        ],
        Resource: "*",
      },
      {
        Effect: "Allow",
        Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
        Resource: "*",
        Condition: { StringEquals: Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value])) },
      },
    ],
  };
}
