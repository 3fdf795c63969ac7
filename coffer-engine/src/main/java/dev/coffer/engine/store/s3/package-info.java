/** A store in a bucket of any S3-compatible service (AWS S3, MinIO, Ceph, S3Proxy...), through the AWS SDK v2. */
package dev.coffer.engine.store.s3;
