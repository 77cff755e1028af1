/**
 * Definitions several stages share, kept below them: who counts as retained ({@link
 * rapport.domain.RetentionLabels}), why an input row is quarantined ({@link
 * rapport.domain.ReasonCode}) and what a Salesforce id is ({@link rapport.domain.SalesforceIds}).
 * It depends on the schema registry only.
 */
package rapport.domain;
