package io.thermalwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagValuesTest {

    @Test
    void everyValueLineProtocolCanCarryIsStoredVerbatim() {
        for (String v : List.of("r01-k03", "a b", "a,b", "a=b", "\"q'", "x\\y", "\\\\a", "😀", "\r\t", "a\\ b", "a\\,b")) {
            assertThat(TagValues.verbatim(v)).as(v).isTrue();
            assertThat(TagValues.stored(v)).as(v).isEqualTo(v);
        }
    }

    @Test
    void aTrailingBackslashALineFeedOrThePrefixIsEncodedAndDecodesBack() {
        for (String v : List.of("n\\", "a\nb", "\n", "\\\\", TagValues.ENCODED_PREFIX + "abc", "😀\\")) {
            String stored = TagValues.stored(v);
            assertThat(stored).as(v).startsWith(TagValues.ENCODED_PREFIX).doesNotContain("\n").doesNotEndWith("\\");
            assertThat(TagValues.decode(stored)).as(v).isEqualTo(v);
        }
    }

    @Test
    void decodeLeavesVerbatimValuesAlone() {
        assertThat(TagValues.decode("r01-k03")).isEqualTo("r01-k03");
    }
}
