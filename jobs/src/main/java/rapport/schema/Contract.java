package rapport.schema;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical contract of one input table (SPEC §5.1): its columns, its unique key, and the
 * column that refers to a customer (if any).
 */
public record Contract(String name, String key, String customerRef, List<Field> fields) {

  public Optional<Field> field(String column) {
    return fields.stream().filter(f -> f.name().equals(column)).findFirst();
  }

  public List<String> columnNames() {
    return fields.stream().map(Field::name).toList();
  }

  public List<String> requiredColumns() {
    return fields.stream().filter(Field::required).map(Field::name).toList();
  }

  /** The typed schema of the clean table written under {@code tables/<name>}. */
  public StructType schema() {
    StructField[] out =
        fields.stream()
            .map(f -> DataTypes.createStructField(f.name(), f.type().sparkType(), !f.required()))
            .toArray(StructField[]::new);
    return DataTypes.createStructType(out);
  }
}
