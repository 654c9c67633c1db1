package dev.selfheal.healer.rollout.kubernetes;

import static dev.selfheal.healer.rollout.kubernetes.ActionParameters.CONTAINER;
import static dev.selfheal.healer.rollout.kubernetes.ActionParameters.DATA_PREFIX;
import static dev.selfheal.healer.rollout.kubernetes.ActionParameters.REMOVE_PREFIX;
import static dev.selfheal.healer.rollout.kubernetes.ActionParameters.REPLICAS;
import static dev.selfheal.healer.rollout.kubernetes.ActionParameters.TO_REVISION;
import static dev.selfheal.healer.rollout.kubernetes.ActionParameters.TO_VERSION;

import dev.selfheal.healing.playbook.RuntimeAction;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Applies a fix's {@link RuntimeAction} to the cluster and says how to undo it. Blocking (fabric8): call it from a
 * worker thread.
 *
 * <p>Every change is a JSON patch computed against the object as it was just read, so the undo action restores
 * exactly what the patch replaced. A dry run sends the same patch with {@code dryRun=All}: the API server runs
 * admission and validation and keeps nothing, which is how a fix shows it would apply before anyone approves it.
 *
 * <p>Parameters beyond those {@link RuntimeAction.Type} documents, which the undo actions use:
 * <ul>
 *   <li>RESOURCES: an empty value removes that request or limit (the state before it was set).</li>
 *   <li>ROLLBACK: {@code toRevision}, a {@code deployment.kubernetes.io/revision} to return to, for templates
 *       without a version label.</li>
 *   <li>CONFIG: {@code remove.<key>} removes the key (the state before it was added).</li>
 * </ul>
 */
@ApplicationScoped
public class KubernetesActions {

    /** The pod-template label naming the version a Deployment runs. */
    public static final String VERSION_LABEL = "app.kubernetes.io/version";
    /** Set by the Deployment controller on a Deployment and its ReplicaSets: the rollout history. */
    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    /** What {@code kubectl rollout restart} sets on the pod template to roll every pod. */
    public static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";
    /** Added by the Deployment controller to a ReplicaSet's template; never part of a Deployment's. */
    static final String POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

    private static final String DEPLOYMENT = "Deployment";

    private final KubernetesClient client;

    public KubernetesActions(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies the action, or with {@code dryRun} has the API server validate it without keeping it.
     *
     * @return what changed and the action that undoes it
     * @throws KubernetesActionException when it cannot be applied as asked; the cluster is unchanged
     * @throws KubernetesClientException when the API server could not be reached or failed (5xx): the outcome is
     *                                   unknown
     */
    public ActionResult apply(RuntimeAction action, String namespace, boolean dryRun) {
        List<String> problems = ActionParameters.problems(action);
        if (!problems.isEmpty()) {
            throw new KubernetesActionException(String.join("; ", problems));
        }
        return refusalsAsActionExceptions(() -> switch (action.type()) {
            case SCALE -> scale(action, namespace, dryRun);
            case RESOURCES -> resources(action, namespace, dryRun);
            case ROLLBACK -> rollback(action, namespace, dryRun);
            case RESTART -> restart(action, namespace, dryRun);
            case CONFIG -> config(action, namespace, dryRun);
        });
    }

    /**
     * The Deployment's replicas, readiness, version and revision.
     *
     * @throws KubernetesActionException when there is no such Deployment
     */
    public DeploymentState read(String namespace, String name) {
        Deployment d = refusalsAsActionExceptions(() -> existing(namespace, name));
        DeploymentStatus status = d.getStatus();
        return new DeploymentState(namespace, name, replicasOf(d),
                status == null ? 0 : orZero(status.getReadyReplicas()),
                status == null ? 0 : orZero(status.getUpdatedReplicas()),
                status == null ? 0 : orZero(status.getAvailableReplicas()),
                label(d.getSpec().getTemplate().getMetadata(), VERSION_LABEL),
                annotation(d.getMetadata(), REVISION_ANNOTATION),
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration(),
                status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration());
    }

    private ActionResult scale(RuntimeAction action, String namespace, boolean dryRun) {
        int replicas = ActionParameters.replicas(action);
        AtomicReference<Integer> before = new AtomicReference<>();
        edit(namespace, action.name(), dryRun, d -> {
            before.set(replicasOf(d));
            d.getSpec().setReplicas(replicas);
            return d;
        });
        RuntimeAction undo = new RuntimeAction(RuntimeAction.Type.SCALE, DEPLOYMENT, action.name(),
                Map.of(REPLICAS, String.valueOf(before.get())),
                "Scale " + namespace + "/" + action.name() + " back to " + before.get() + " replicas");
        return result(action, namespace, dryRun, "replicas " + before.get() + " -> " + replicas, undo);
    }

    private ActionResult resources(RuntimeAction action, String namespace, boolean dryRun) {
        Map<String, String> wanted = ActionParameters.resources(action);
        Map<String, String> before = new LinkedHashMap<>();
        AtomicReference<String> containerName = new AtomicReference<>();
        edit(namespace, action.name(), dryRun, d -> {
            Container c = container(d, action.parameters().get(CONTAINER), namespace);
            containerName.set(c.getName());
            if (c.getResources() == null) {
                c.setResources(new ResourceRequirements());
            }
            ResourceRequirements r = c.getResources();
            if (r.getRequests() == null) {
                r.setRequests(new HashMap<>());
            }
            if (r.getLimits() == null) {
                r.setLimits(new HashMap<>());
            }
            wanted.forEach((key, value) -> {
                Map<String, Quantity> side = key.startsWith("requests.") ? r.getRequests() : r.getLimits();
                String resource = key.substring(key.indexOf('.') + 1);
                Quantity old = value.isEmpty() ? side.remove(resource) : side.put(resource, Quantity.parse(value));
                before.put(key, old == null ? "" : old.toString());
            });
            return d;
        });
        Map<String, String> undoParameters = new TreeMap<>(before);
        undoParameters.put(CONTAINER, containerName.get());
        RuntimeAction undo = new RuntimeAction(RuntimeAction.Type.RESOURCES, DEPLOYMENT, action.name(),
                undoParameters, "Restore container " + containerName.get() + "'s resources in " + namespace + "/"
                        + action.name());
        StringBuilder detail = new StringBuilder("container " + containerName.get() + ":");
        wanted.forEach((key, value) -> detail.append(' ').append(key).append(' ')
                .append(before.get(key).isEmpty() ? "unset" : before.get(key)).append(" -> ")
                .append(value.isEmpty() ? "unset" : value).append(','));
        detail.setLength(detail.length() - 1);
        return result(action, namespace, dryRun, detail.toString(), undo);
    }

    /**
     * Like {@code kubectl rollout undo}: the Deployment's pod template becomes the one of an earlier ReplicaSet it
     * owns, the newest with the asked version, else the newest revision before the current one.
     */
    private ActionResult rollback(RuntimeAction action, String namespace, boolean dryRun) {
        Deployment current = existing(namespace, action.name());
        long currentRevision = revision(current.getMetadata());
        String currentVersion = label(current.getSpec().getTemplate().getMetadata(), VERSION_LABEL);
        List<ReplicaSet> history = ownedReplicaSets(current);
        String toVersion = action.parameters().get(TO_VERSION);
        String toRevision = action.parameters().get(TO_REVISION);
        Stream<ReplicaSet> candidates = history.stream();
        String wanted;
        if (toVersion != null) {
            candidates = candidates.filter(rs -> toVersion.equals(label(rs.getSpec().getTemplate().getMetadata(),
                    VERSION_LABEL)));
            wanted = "version " + toVersion;
        } else if (toRevision != null) {
            candidates = candidates.filter(rs -> toRevision.equals(annotation(rs.getMetadata(),
                    REVISION_ANNOTATION)));
            wanted = "revision " + toRevision;
        } else {
            candidates = candidates.filter(rs -> revision(rs.getMetadata()) < currentRevision);
            wanted = "a revision before " + currentRevision;
        }
        ReplicaSet target = candidates.max(Comparator.comparingLong(rs -> revision(rs.getMetadata())))
                .orElseThrow(() -> new KubernetesActionException("Deployment " + namespace + "/" + action.name()
                        + " has no ReplicaSet with " + wanted + " to roll back to (revisions "
                        + history.stream().map(rs -> annotation(rs.getMetadata(), REVISION_ANNOTATION)).toList()
                        + ")"));
        long targetRevision = revision(target.getMetadata());
        if (targetRevision == currentRevision) {
            throw new KubernetesActionException("Deployment " + namespace + "/" + action.name() + " already runs "
                    + wanted + " (revision " + currentRevision + ")");
        }
        PodTemplateSpec template = new PodTemplateSpecBuilder(target.getSpec().getTemplate()).build();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            template.getMetadata().getLabels().remove(POD_TEMPLATE_HASH_LABEL);
        }
        edit(namespace, action.name(), dryRun, d -> {
            d.getSpec().setTemplate(template);
            return d;
        });
        String targetVersion = label(template.getMetadata(), VERSION_LABEL);
        Map<String, String> undoParameters = currentVersion != null ? Map.of(TO_VERSION, currentVersion)
                : Map.of(TO_REVISION, String.valueOf(currentRevision));
        RuntimeAction undo = new RuntimeAction(RuntimeAction.Type.ROLLBACK, DEPLOYMENT, action.name(),
                undoParameters, "Return " + namespace + "/" + action.name() + " to "
                        + (currentVersion != null ? "version " + currentVersion : "revision " + currentRevision));
        return result(action, namespace, dryRun, "pod template of revision " + currentRevision
                + (currentVersion == null ? "" : " (version " + currentVersion + ")") + " -> revision "
                + targetRevision + (targetVersion == null ? "" : " (version " + targetVersion + ")"), undo);
    }

    private ActionResult restart(RuntimeAction action, String namespace, boolean dryRun) {
        String at = restartDeployment(namespace, action.name(), dryRun);
        return result(action, namespace, dryRun, "pods restarted (" + RESTARTED_AT_ANNOTATION + "=" + at + ")",
                null);
    }

    /** Sets the ConfigMap's keys, then restarts the Deployments that read it so they see the new values. */
    private ActionResult config(RuntimeAction action, String namespace, boolean dryRun) {
        Resource<ConfigMap> resource = client.configMaps().inNamespace(namespace).withName(action.name());
        if (resource.get() == null) {
            throw new KubernetesActionException("no ConfigMap " + namespace + "/" + action.name());
        }
        Map<String, String> before = new TreeMap<>();
        Map<String, String> changes = new TreeMap<>();
        resource.dryRun(dryRun).edit(cm -> {
            Map<String, String> data = cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
            action.parameters().forEach((key, value) -> {
                boolean remove = key.startsWith(REMOVE_PREFIX);
                String dataKey = key.substring((remove ? REMOVE_PREFIX : DATA_PREFIX).length());
                String old = remove ? data.remove(dataKey) : data.put(dataKey, value);
                if (!Objects.equals(old, remove ? null : value)) {
                    before.put(dataKey, old);
                    changes.put(dataKey, remove ? null : value);
                }
            });
            cm.setData(data);
            return cm;
        });
        if (changes.isEmpty()) {
            return result(action, namespace, dryRun, "ConfigMap data already as asked; nothing restarted", null);
        }
        List<String> restarted = new ArrayList<>();
        for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            if (reads(d.getSpec().getTemplate().getSpec(), action.name())) {
                restartDeployment(namespace, d.getMetadata().getName(), dryRun);
                restarted.add(d.getMetadata().getName());
            }
        }
        Map<String, String> undoParameters = new TreeMap<>();
        before.forEach((key, old) -> undoParameters.put(old == null ? REMOVE_PREFIX + key : DATA_PREFIX + key,
                old == null ? "true" : old));
        RuntimeAction undo = new RuntimeAction(RuntimeAction.Type.CONFIG, "ConfigMap", action.name(),
                undoParameters, "Restore " + before.keySet() + " in ConfigMap " + namespace + "/" + action.name());
        StringBuilder detail = new StringBuilder();
        changes.forEach((key, value) -> detail.append(key).append(' ')
                .append(before.get(key) == null ? "unset" : "\"" + before.get(key) + "\"").append(" -> ")
                .append(value == null ? "unset" : "\"" + value + "\"").append(", "));
        detail.append(restarted.isEmpty() ? "no Deployment reads it" : "restarted Deployments " + restarted);
        return result(action, namespace, dryRun, detail.toString(), undo);
    }

    private String restartDeployment(String namespace, String name, boolean dryRun) {
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        edit(namespace, name, dryRun, d -> {
            ObjectMeta meta = d.getSpec().getTemplate().getMetadata();
            if (meta == null) {
                meta = new ObjectMeta();
                d.getSpec().getTemplate().setMetadata(meta);
            }
            if (meta.getAnnotations() == null) {
                meta.setAnnotations(new HashMap<>());
            }
            meta.getAnnotations().put(RESTARTED_AT_ANNOTATION, at);
            return d;
        });
        return at;
    }

    private void edit(String namespace, String name, boolean dryRun, UnaryOperator<Deployment> change) {
        Resource<Deployment> resource = client.apps().deployments().inNamespace(namespace).withName(name);
        if (resource.get() == null) {
            throw new KubernetesActionException("no Deployment " + namespace + "/" + name);
        }
        resource.dryRun(dryRun).edit(change);
    }

    private Deployment existing(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            throw new KubernetesActionException("no Deployment " + namespace + "/" + name);
        }
        return d;
    }

    private List<ReplicaSet> ownedReplicaSets(Deployment d) {
        String uid = d.getMetadata().getUid();
        Map<String, String> selector = d.getSpec().getSelector() == null ? null
                : d.getSpec().getSelector().getMatchLabels();
        var replicaSets = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace());
        List<ReplicaSet> all = selector == null || selector.isEmpty() ? replicaSets.list().getItems()
                : replicaSets.withLabels(selector).list().getItems();
        return all.stream().filter(rs -> ownedBy(rs, uid)).toList();
    }

    private static boolean ownedBy(HasMetadata object, String uid) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> DEPLOYMENT.equals(o.getKind())
                && Objects.equals(uid, o.getUid()));
    }

    private static Container container(Deployment d, String name, String namespace) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        if (name == null) {
            return containers.get(0);
        }
        return containers.stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElseThrow(() -> new KubernetesActionException("Deployment " + namespace + "/"
                        + d.getMetadata().getName() + " has no container " + name + " (it has "
                        + containers.stream().map(Container::getName).toList() + ")"));
    }

    /** Whether pods with this spec read the ConfigMap: as environment, one variable, or a (projected) volume. */
    private static boolean reads(PodSpec pod, String configMap) {
        if (pod == null) {
            return false;
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
            for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                if (from.getConfigMapRef() != null && configMap.equals(from.getConfigMapRef().getName())) {
                    return true;
                }
            }
            for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null
                        && configMap.equals(env.getValueFrom().getConfigMapKeyRef().getName())) {
                    return true;
                }
            }
        }
        for (Volume v : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            if (v.getConfigMap() != null && configMap.equals(v.getConfigMap().getName())) {
                return true;
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : v.getProjected().getSources()) {
                    if (p.getConfigMap() != null && configMap.equals(p.getConfigMap().getName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static ActionResult result(RuntimeAction action, String namespace, boolean dryRun, String change,
            RuntimeAction undo) {
        String detail = (dryRun ? "Dry run, nothing kept: " : "") + action.kind() + " " + namespace + "/"
                + action.name() + ": " + change;
        return new ActionResult(action, namespace, dryRun, detail, Optional.ofNullable(undo));
    }

    /** A 4xx means the API server refused the change (not found, invalid, forbidden, conflict): nothing changed. */
    private static <T> T refusalsAsActionExceptions(Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            int code = e.getCode();
            if (code >= 400 && code < 500 && code != 408 && code != 429) {
                throw new KubernetesActionException("the Kubernetes API refused the change (" + code + "): "
                        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                                : e.getMessage()), e);
            }
            throw e;
        }
    }

    private static int replicasOf(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long revision(ObjectMeta meta) {
        try {
            return Long.parseLong(Objects.requireNonNullElse(annotation(meta, REVISION_ANNOTATION), "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String label(ObjectMeta meta, String key) {
        return meta == null || meta.getLabels() == null ? null : meta.getLabels().get(key);
    }

    private static String annotation(ObjectMeta meta, String key) {
        return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get(key);
    }
}
