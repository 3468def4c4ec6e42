package io.thermalwatch.api.alert;

import io.thermalwatch.api.history.HistoryRange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of alert history ended: the last change's time and alert id. Changes are ordered by
 * (time, id), which is unique (the sink's point key holds the rule and subject, and so does the id),
 * so the next page starts exactly after it however many changes share a millisecond. Opaque to
 * clients: base64url of {@code timeMs:id}.
 *
 * @param timeMs the last served change's time, epoch ms
 * @param id     the last served change's alert id
 */
record HistoryCursor(long timeMs, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((timeMs + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws io.thermalwatch.api.problem.ProblemException 400 naming {@code cursor} when it is not one we made */
    static HistoryCursor decode(String text) {
        try {
            if (text.length() > 2_000) {
                throw new IllegalArgumentException("too long");
            }
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return new HistoryCursor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw HistoryRange.invalid("cursor", "cursor must be the value of a previous page's next link");
        }
    }
}
