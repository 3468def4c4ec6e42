package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class StreamsChildTest {

    @Test
    void readsTheUsedHeapFromJcmdOfJdk17AndJdk25() {
        assertThat(used("18502:\n garbage-first heap   total 40960K, used 15273K [0x0000000080000000, 0x0000000100000000)\n"))
                .isEqualTo("15273");
        assertThat(used("18502:\ngarbage-first heap   total reserved 2097152K, committed 40960K, used 15273K "
                + "[0x0000000080000000, 0x0000000100000000)\n region size 1024K\n")).isEqualTo("15273");
    }

    private static String used(String info) {
        Matcher m = StreamsChild.G1_USED.matcher(info);
        return m.find() ? m.group(1) : null;
    }
}
