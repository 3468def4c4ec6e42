package io.thermalwatch.dispatcher.it;

import io.thermalwatch.model.ThermalAlert;
import io.thermalwatch.model.ThermalAlertJson;
import io.thermalwatch.model.Topics;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes alert state changes the way the streams app does: transactionally, keyed by alert id. */
public final class AlertWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public AlertWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dispatcher-it-" + UUID.randomUUID(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** Writes the alerts in one transaction; returns System.nanoTime() once it is committed. */
    public long write(ThermalAlert... alerts) {
        producer.beginTransaction();
        for (ThermalAlert a : alerts) {
            producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), ThermalAlertJson.write(a)));
        }
        producer.commitTransaction();
        return System.nanoTime();
    }

    @Override
    public void close() {
        producer.close();
    }
}
