package io.thermalwatch.dispatcher.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped {@code alertmanager.example.yml} with what a test cannot use swapped out: each
 * receiver (PagerDuty, Slack) posts to the test's webhook instead, keeping its name; every
 * group_interval is 1 s (resolves and additions to a group are notified at the next group
 * interval); warnings wait 1 s instead of 30 s; the maintenance mute is taken off the routes (it
 * is a weekly window: a run inside it would see no warnings; amtool checks it). Routing, grouping,
 * critical's group_wait 0 s and the inhibition rules are the shipped ones.
 */
public final class TestAlertmanagerConfig {

    public static final Path EXAMPLE = Path.of("alertmanager.example.yml");

    private TestAlertmanagerConfig() {
    }

    @SuppressWarnings("unchecked")
    public static String forWebhook(WebhookReceiver webhook, String am) throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(EXAMPLE));
        List<Map<String, Object>> receivers = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) config.get("receivers")) {
            String name = (String) r.get("name");
            Map<String, Object> webhookConfig = new LinkedHashMap<>();
            webhookConfig.put("url", webhook.url(am, name));
            webhookConfig.put("send_resolved", true);
            Map<String, Object> receiver = new LinkedHashMap<>();
            receiver.put("name", name);
            receiver.put("webhook_configs", List.of(webhookConfig));
            receivers.add(receiver);
        }
        config.put("receivers", receivers);
        Map<String, Object> route = (Map<String, Object>) config.get("route");
        route.put("group_wait", "1s");
        route.put("group_interval", "1s");
        for (Map<String, Object> child : (List<Map<String, Object>>) route.get("routes")) {
            child.put("group_interval", "1s");
            child.remove("mute_time_intervals");
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(config);
    }
}
