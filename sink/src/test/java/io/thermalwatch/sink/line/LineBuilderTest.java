package io.thermalwatch.sink.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.TagValues;
import org.junit.jupiter.api.Test;

class LineBuilderTest {

    private static String line(java.util.function.Consumer<LineBuilder> build) {
        LineBuilder b = new LineBuilder(new StringBuilder());
        build.accept(b);
        return b.text().toString();
    }

    @Test
    void writesMeasurementTagsTypedFieldsAndMillisecondTimestamp() {
        assertThat(line(b -> b.measurement("gpu").tag("gpu", 2).tag("node", "n1")
                .field("powerW", 512.5).integer("smClockMhz", 1980).string("uuid", "GPU-1").end(1_795_831_450_500L)))
                .isEqualTo("gpu,gpu=2,node=n1 powerW=512.5,smClockMhz=1980i,uuid=\"GPU-1\" 1795831450500");
    }

    @Test
    void leavesAbsentReadingsOut() {
        assertThat(line(b -> b.measurement("gpu").tag("node", "n1").field("powerW", 1.0).field("hbmTempC", (Double) null)
                .integer("energyMj", (Long) null).string("model", null).end(1)))
                .isEqualTo("gpu,node=n1 powerW=1.0 1");
    }

    @Test
    void escapesCommaSpaceAndEqualsInTagValuesAndKeys() {
        assertThat(line(b -> b.measurement("m x,y").tag("k=1", "a b,c=d").field("f ,=", 1.0).end(5)))
                .isEqualTo("m\\ x\\,y,k\\=1=a\\ b\\,c\\=d f\\ \\,\\==1.0 5");
    }

    @Test
    void tagValuesKeepQuotesBackslashesEmojiAndInfluxQlAsTheyAre() {
        assertThat(line(b -> b.measurement("m").tag("t", "x\"'\\y😀; DROP DATABASE x").field("f", 1.0).end(1)))
                .isEqualTo("m,t=x\"'\\y😀;\\ DROP\\ DATABASE\\ x f=1.0 1");
    }

    @Test
    void stringFieldsEscapeQuoteAndBackslashAndCarryLineFeeds() {
        assertThat(line(b -> b.measurement("m").string("s", "a\"b\\c\nd\\").end(1)))
                .isEqualTo("m s=\"a\\\"b\\\\c\nd\\\\\" 1");
    }

    @Test
    void tagValuesLineProtocolCannotCarryAreEncoded() {
        assertThat(line(b -> b.measurement("m").tag("t", "n\\").field("f", 1.0).end(1)))
                .isEqualTo("m,t=" + TagValues.ENCODED_PREFIX + "blw f=1.0 1");
    }

    @Test
    void pointsAreSeparatedByLineFeedsAndCounted() {
        LineBuilder b = new LineBuilder(new StringBuilder());
        b.measurement("m").field("f", 1.0).end(1);
        b.measurement("m").field("f", 2.0).end(2);
        assertThat(b.text().toString()).isEqualTo("m f=1.0 1\nm f=2.0 2");
        assertThat(b.points()).isEqualTo(2);
        b.clear();
        assertThat(b.points()).isZero();
        assertThat(b.text()).isEmpty();
    }

    @Test
    void refusesAPointWithoutFields() {
        assertThatThrownBy(() -> line(b -> b.measurement("m").tag("t", "x").end(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one field");
    }
}
