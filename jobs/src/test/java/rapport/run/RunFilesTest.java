package rapport.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What an output error tells the user to do, from the reason the file system gave. */
class RunFilesTest {
  @Test
  void anObjectStoreThatRefusesARequestFeatureGetsTheConnectorSetting() {
    // the message S3A gives when an S3-compatible store refuses the SDK's bulk-delete checksum
    IOException refused =
        new IOException(
            "Remove S3 Dir Markers on s3a://bucket/out/runs/x/_temporary:"
                + " software.amazon.awssdk.services.s3.model.S3Exception: A header you provided"
                + " implies functionality that is not implemented. (Service: S3, Status Code: 501)");
    String hint = RunFiles.whatToDo(RunFiles.reason(refused));
    assertTrue(hint.contains("fs.s3a.multiobjectdelete.enable=false"), hint);
    assertTrue(hint.contains("the previous run is kept"), hint);
  }

  @Test
  void aFullDiskAndOtherErrorsKeepTheirHints() {
    String full = RunFiles.whatToDo(RunFiles.reason(new IOException("No space left on device")));
    assertTrue(full.startsWith("free space on that disk"), full);
    String other = RunFiles.whatToDo(RunFiles.reason(new IOException("Permission denied")));
    assertTrue(other.startsWith("check that the output folder exists"), other);
  }
}
