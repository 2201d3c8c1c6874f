package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "0, 0",
        "65536, 65536",
        "17b, 17",
        "64k, 65536",
        "64kb, 65536",
        "64KiB, 65536",
        "1m, 1048576",
        "1MiB, 1048576",
        "2g, 2147483648",
        "' 3 K ', 3072",
    })
    void parsesBinarySizes(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "-1", "1.5k", "12 apples", "1t"})
    void rejectsWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("not a size"), e.getMessage());
    }

    @Test
    void rejectsSizesThatOverflowALong() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9999999999999g"));
    }

    @Test
    void intConverterAcceptsUpToIntMaxAndRejectsMore() throws Exception {
        ByteSize.IntConverter converter = new ByteSize.IntConverter();
        assertEquals(Integer.MAX_VALUE, converter.convert("2147483647"));
        assertEquals(1 << 20, converter.convert("1m"));
        assertThrows(TypeConversionException.class, () -> converter.convert("2g"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("12q"));
        assertTrue(e.getMessage().startsWith("'12q' is not a size"), e.getMessage());
    }
}
