package dev.selfheal.healer.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Map;

/** A shop namespace as the Deployment controller leaves it: checkout at revision 3 with its ReplicaSet history. */
final class KubernetesFixtures {

    static final String NAMESPACE = "shop";

    private KubernetesFixtures() {
    }

    static PodTemplateSpec template(String app, String version, String configMap) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(Map.of("app.kubernetes.io/name", app,
                        KubernetesActions.VERSION_LABEL, version)).endMetadata()
                .withNewSpec()
                .addNewContainer().withName(app).withImage("registry/" + app + ":" + version)
                .withNewResources().withRequests(Map.of("cpu", new Quantity("250m"), "memory",
                        new Quantity("256Mi"))).withLimits(Map.of("memory", new Quantity("512Mi"))).endResources()
                .addNewEnvFrom().withNewConfigMapRef().withName(configMap).endConfigMapRef().endEnvFrom()
                .endContainer()
                .addNewContainer().withName("sidecar").withImage("registry/sidecar:1").endContainer()
                .endSpec().build();
    }

    static Deployment deployment(String name, String version, long revision, int replicas, String configMap) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withGeneration(4L)
                .withAnnotations(Map.of(KubernetesActions.REVISION_ANNOTATION, String.valueOf(revision)))
                .endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/name", name)).endSelector()
                .withTemplate(template(name, version, configMap)).endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas - 1).withUpdatedReplicas(replicas)
                .withAvailableReplicas(replicas - 1).withObservedGeneration(4L).endStatus()
                .build();
    }

    static ReplicaSet replicaSet(Deployment owner, String version, long revision) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(template(owner.getMetadata().getName(), version,
                "checkout-config")).editMetadata().addToLabels(KubernetesActions.POD_TEMPLATE_HASH_LABEL,
                        "hash" + revision).endMetadata().build();
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(owner.getMetadata().getName() + "-hash" + revision)
                .withNamespace(NAMESPACE)
                .withLabels(Map.of("app.kubernetes.io/name", owner.getMetadata().getName(),
                        KubernetesActions.POD_TEMPLATE_HASH_LABEL, "hash" + revision))
                .withAnnotations(Map.of(KubernetesActions.REVISION_ANNOTATION, String.valueOf(revision)))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(0).withSelector(owner.getSpec().getSelector()).withTemplate(template)
                .endSpec().build();
    }

    static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withData(data).build();
    }
}
