package io.thermalwatch.collector.smi;

import io.thermalwatch.model.ClockEventReasons;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads {@code nvidia-smi -q -x} output, DTD v10 to v13, Linux and Windows. Handles both power
 * layouts ({@code power_readings}, {@code gpu_power_readings}), both reason layouts
 * ({@code clocks_throttle_reasons}, {@code clocks_event_reasons}) and both threshold layouts
 * (absolute {@code gpu_temp_*_threshold}, or v13's {@code gpu_temp_tlimit} with thresholds
 * relative to T.Limit, kept as read: {@link TLimitEstimator} turns them into temperatures).
 * Values such as {@code N/A}, {@code [N/A]} or {@code Requested functionality has been deprecated}
 * read as null.
 */
public final class NvidiaSmiXml {

    private static final Pattern NUMBER = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Map<String, Long> REASON_BITS = Map.of(
            "gpu_idle", ClockEventReasons.GPU_IDLE,
            "applications_clocks_setting", ClockEventReasons.APPLICATIONS_CLOCKS_SETTING,
            "sw_power_cap", ClockEventReasons.SW_POWER_CAP,
            "hw_slowdown", ClockEventReasons.HW_SLOWDOWN,
            "sync_boost", ClockEventReasons.SYNC_BOOST,
            "sw_thermal_slowdown", ClockEventReasons.SW_THERMAL_SLOWDOWN,
            "hw_thermal_slowdown", ClockEventReasons.HW_THERMAL_SLOWDOWN,
            "hw_power_brake_slowdown", ClockEventReasons.HW_POWER_BRAKE_SLOWDOWN,
            "display_clocks_setting", ClockEventReasons.DISPLAY_CLOCK_SETTING);

    private NvidiaSmiXml() {
    }

    /** @throws IOException if the XML is not readable as nvidia-smi output */
    public static List<SmiGpu> parse(InputStream xml) throws IOException {
        Document doc;
        try {
            doc = builder().parse(xml);
        } catch (SAXException e) {
            throw new IOException("not nvidia-smi XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"nvidia_smi_log".equals(root.getTagName())) {
            throw new IOException("not nvidia-smi XML: root element is <" + root.getTagName() + ">");
        }
        List<SmiGpu> gpus = new ArrayList<>();
        for (Element gpu : children(root, "gpu")) {
            gpus.add(readGpu(gpus.size(), gpu));
        }
        return gpus;
    }

    private static SmiGpu readGpu(int index, Element gpu) {
        Element temps = child(gpu, "temperature");
        Double gpuTemp = number(temps, "gpu_temp");
        Double shutdown = number(temps, "gpu_temp_max_threshold");
        Double slowdown = number(temps, "gpu_temp_slow_threshold");
        Double gpuMax = number(temps, "gpu_temp_max_gpu_threshold");
        Double hbmMax = number(temps, "gpu_temp_max_mem_threshold");
        Double margin = number(temps, "gpu_temp_tlimit");
        SmiGpu.TLimitLayout tLimit = margin == null ? null : new SmiGpu.TLimitLayout(margin,
                number(temps, "gpu_temp_max_tlimit_threshold"), number(temps, "gpu_temp_slow_tlimit_threshold"),
                number(temps, "gpu_temp_max_gpu_tlimit_threshold"));
        Element power = child(gpu, "gpu_power_readings");
        if (power == null) {
            power = child(gpu, "power_readings");
        }
        Double powerW = first(number(power, "average_power_draw"), number(power, "power_draw"),
                number(power, "instant_power_draw"));
        Double limitW = first(number(power, "enforced_power_limit"), number(power, "current_power_limit"),
                number(power, "power_limit"));
        Double sm = number(child(gpu, "clocks"), "sm_clock");
        Element mig = child(gpu, "mig_mode");
        return new SmiGpu(index, text(gpu, "uuid"), text(gpu, "product_name"), powerW, gpuTemp,
                number(temps, "memory_temp"), sm == null ? null : (int) Math.round(sm), reasons(gpu),
                number(child(gpu, "utilization"), "gpu_util"), limitW, slowdown, shutdown, gpuMax, hbmMax, tLimit,
                number(power, "average_power_draw"), number(power, "instant_power_draw"), mig != null && "Enabled".equalsIgnoreCase(text(mig, "current_mig")));
    }

    private static Long reasons(Element gpu) {
        String prefix = "clocks_event_reason_";
        Element reasons = child(gpu, "clocks_event_reasons");
        if (reasons == null) {
            reasons = child(gpu, "clocks_throttle_reasons");
            prefix = "clocks_throttle_reason_";
        }
        if (reasons == null) {
            return null;
        }
        long mask = 0;
        boolean known = false;
        for (Element reason : children(reasons, null)) {
            String name = reason.getTagName();
            Long bit = name.startsWith(prefix) ? REASON_BITS.get(name.substring(prefix.length())) : null;
            String state = reason.getTextContent().trim();
            if (bit != null && "Active".equalsIgnoreCase(state)) {
                mask |= bit;
                known = true;
            } else if (bit != null && "Not Active".equalsIgnoreCase(state)) {
                known = true;
            }
        }
        return known ? mask : null; // all N/A: unknown, never "not throttled"
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Double number(Element parent, String name) {
        String t = text(parent, name);
        if (t == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(t);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (t.isEmpty() || lower.contains("n/a") || lower.startsWith("[") || lower.contains("not supported")
                || lower.contains("deprecated") || lower.contains("unknown error")) {
            return null;
        }
        return t;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // nvidia-smi names a DTD file that is not on this machine; never fetch or resolve anything
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }
}
