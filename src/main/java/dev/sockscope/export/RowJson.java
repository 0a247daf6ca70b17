package dev.sockscope.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The JSON factory of the export modes' lines, whose objects carry a row's snapshot fields
 * ({@link dev.sockscope.view.JsonWriter#writeFields}, the same keys and values as
 * {@code --list --json}) beside their own ({@code change} of {@code --diff}, {@code time} and
 * {@code event} of {@code --events}).
 */
final class RowJson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private RowJson() {}
}
