package org.activity4j.client.wire;

import java.util.List;

/**
 * The answer of {@code GET /activity/blocking}: its {@code "rows"}, and the {@code "prepared_rows"} that
 * activity4j's reference agent adds for the prepared transactions that block backends (empty from a real
 * temBoard agent, which does not send them).
 *
 * <pre>{@code
 * TemboardBlockingRows answer = TemboardCodec.decodeBlocking(response.body());
 * answer.rows();          // the blocking backends' lock rows
 * answer.preparedRows();  // the blocking prepared transactions' locks
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows {@code rows}
 * @param preparedRows {@code prepared_rows}; empty when the member is absent
 */
public record TemboardBlockingRows(List<TemboardLockRow> rows, List<TemboardPreparedRow> preparedRows) {
    public TemboardBlockingRows {
        rows = List.copyOf(rows);
        preparedRows = List.copyOf(preparedRows);
    }
}
