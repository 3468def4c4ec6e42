package io.thermalwatch.dispatcher.alertmanager;

import java.net.URI;

/** Posts alert batches to one Alertmanager ({@link AlertmanagerClient} over HTTP). */
public interface AlertPoster {

    /** Posts a JSON array of Alertmanager v2 alerts and says what came of it. */
    AlertmanagerClient.Result post(byte[] jsonArray) throws InterruptedException;

    /** Where the alerts go, for logs. */
    URI alertsUri();
}
