package rapport.touches;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rapport.schema.Columns;

/**
 * Reads each message's text once, row by row without a shuffle: masks it ({@link TextMask}) and
 * keeps only what the later steps need, so the raw text is never carried through a join.
 */
final class TextSignals {
  private TextSignals() {}

  static final String TEXT = "text";
  static final String FINGERPRINT = "fingerprint";
  static final String BANDS = "bands";
  static final String TOKENS = "tokens";
  static final String NAMES = "names";
  static final String WORDS = "words";
  static final String AUTO_PHRASE = "auto_phrase";
  static final String TRANSACTIONAL_PHRASE = "transactional_phrase";

  static final StructType TYPE =
      new StructType()
          .add(FINGERPRINT, DataTypes.LongType, true)
          .add(BANDS, DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add(TOKENS, DataTypes.IntegerType, false)
          .add(NAMES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(WORDS, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(AUTO_PHRASE, DataTypes.BooleanType, false)
          .add(TRANSACTIONAL_PHRASE, DataTypes.BooleanType, false);

  /**
   * Adds the text's signals as top-level columns (so that each later step carries only those it
   * reads) and drops subject and body.
   */
  static Dataset<Row> withText(Dataset<Row> interactions, Set<String> names, TouchSettings s) {
    TextMask mask = new TextMask(names);
    MinHash.Banding banding = s.banding();
    UserDefinedFunction analyse =
        udf((UDF2<String, String, Row>) (subject, body) -> row(mask, banding, subject, body), TYPE)
            // Marked so the optimiser evaluates it once per row instead of once per field read.
            .asNondeterministic()
            .withName("mask_text");
    Column text = analyse.apply(col(Columns.SUBJECT), col(Columns.BODY));
    Dataset<Row> out = interactions.withColumn(TEXT, text).drop(Columns.SUBJECT, Columns.BODY);
    for (String f : TYPE.fieldNames()) {
      out = out.withColumn(f, col(TEXT + "." + f));
    }
    return out.drop(TEXT);
  }

  private static Row row(TextMask mask, MinHash.Banding banding, String subject, String body) {
    TextMask.Analysis a = mask.analyse(subject, body);
    if (a.tokens().isEmpty()) {
      return RowFactory.create(
          null,
          new Long[0],
          0,
          a.names().toArray(new String[0]),
          a.words().toArray(new String[0]),
          a.autoReplyPhrase(),
          a.transactionalPhrase());
    }
    long[] keys = MinHash.bandKeys(a.tokens(), banding);
    Long[] boxed = new Long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      boxed[i] = keys[i];
    }
    return RowFactory.create(
        MinHash.fingerprint(a.tokens()),
        boxed,
        a.tokens().size(),
        a.names().toArray(new String[0]),
        a.words().toArray(new String[0]),
        a.autoReplyPhrase(),
        a.transactionalPhrase());
  }
}
