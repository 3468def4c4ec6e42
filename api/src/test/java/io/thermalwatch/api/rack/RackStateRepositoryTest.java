package io.thermalwatch.api.rack;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.model.RackAggregate;
import org.junit.jupiter.api.Test;

class RackStateRepositoryTest {

    static RackAggregate window(String rack, long startMs, double powerW) {
        return new RackAggregate(1, "s", "h", "r01", rack, startMs, startMs + 10_000, 18, 72, 180, powerW, 50, 60, null, 0);
    }

    private final RackStateRepository repository = new RackStateRepository();

    @Test
    void keepsTheNewestWindowWhateverTheArrivalOrder() {
        repository.update(window("k1", 20_000, 2));
        repository.update(window("k1", 10_000, 1)); // a replayed older window
        assertThat(repository.find("k1")).get().extracting(RackAggregate::totalPowerW).isEqualTo(2.0);
        repository.update(window("k1", 30_000, 3));
        assertThat(repository.find("k1")).get().extracting(RackAggregate::totalPowerW).isEqualTo(3.0);
    }

    @Test
    void listsRacksSortedById() {
        repository.update(window("r02-k01", 0, 1));
        repository.update(window("r01-k02", 0, 1));
        repository.update(window("r01-k01", 0, 1));
        assertThat(repository.all()).extracting(RackAggregate::rack).containsExactly("r01-k01", "r01-k02", "r02-k01");
        assertThat(repository.find("nope")).isEmpty();
    }
}
