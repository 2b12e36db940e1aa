package dev.northstar.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * What the rendered NetworkPolicies let a pod reach outside the cluster, as Kubernetes decides it: the egress rules of
 * every policy that selects the pod add up; an address is reachable on a port when some rule's ipBlock takes it in
 * (and none of its except ranges) on that port. Peers by selector are pods, never an outside address.
 */
record Egress(List<NetworkPolicy> policies, Map<String, String> podLabels) {

    boolean allows(String address, int port) {
        return policies.stream().filter(this::selectsThePod)
                .flatMap(policy -> policy.getSpec().getEgress().stream())
                .anyMatch(rule -> onPort(rule, port) && toAddress(rule, address));
    }

    private boolean selectsThePod(NetworkPolicy policy) {
        return policy.getSpec().getPolicyTypes().contains("Egress") && matches(policy.getSpec().getPodSelector());
    }

    private boolean matches(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())))
                && expressions.stream().allMatch(r -> switch (r.getOperator()) {
                    case "In" -> r.getValues().contains(podLabels.get(r.getKey()));
                    case "NotIn" -> !r.getValues().contains(podLabels.get(r.getKey()));
                    case "Exists" -> podLabels.containsKey(r.getKey());
                    default -> !podLabels.containsKey(r.getKey());
                });
    }

    private static boolean onPort(NetworkPolicyEgressRule rule, int port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> p.getPort() == null || p.getPort().getIntVal() == port);
    }

    private static boolean toAddress(NetworkPolicyEgressRule rule, String address) {
        if (rule.getTo() == null || rule.getTo().isEmpty()) {
            return true;
        }
        return rule.getTo().stream().map(NetworkPolicyPeer::getIpBlock).filter(java.util.Objects::nonNull)
                .anyMatch(block -> inBlock(block, address));
    }

    private static boolean inBlock(IPBlock block, String address) {
        List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
        return inCidr(block.getCidr(), address) && except.stream().noneMatch(range -> inCidr(range, address));
    }

    static boolean inCidr(String cidr, String address) {
        String[] parts = cidr.split("/");
        byte[] network = bytes(parts[0]);
        byte[] candidate = bytes(address);
        if (network.length != candidate.length) {
            return false;
        }
        int bits = network.length * 8;
        int prefix = Integer.parseInt(parts[1]);
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
