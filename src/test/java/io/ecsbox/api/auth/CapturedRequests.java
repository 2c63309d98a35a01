package io.ecsbox.api.auth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests captured from the real SDKs (shared/reference/ecs-api-captured-v1.log and -v3.log),
 * with the string to sign (V1) or canonical request (V3) the capture server computed. Key
 * {@code LTAI5tFakeAccessKeyId}, secret {@code fakeSecretForEcsbox}; V1 requests were sent at
 * 2026-11-28T15:22:41Z, V3 requests at 2026-11-28T15:22:35Z.
 */
final class CapturedRequests {
  static final String ACCESS_KEY_ID = "LTAI5tFakeAccessKeyId";
  static final String SECRET = "fakeSecretForEcsbox";
  static final String V1_TIME = "2026-11-28T15:22:41Z";
  static final String V3_TIME = "2026-11-28T15:22:35Z";

  /** One captured request: the raw head and what the capture server signed. */
  record Captured(String name, String rawHead, String expectedSigned) {
    /** The request as the HTTP layer would hand it to the authenticator. */
    AuthRequest toAuthRequest() {
      String[] lines = rawHead.split("\n");
      String[] requestLine = lines[0].split(" ");
      URI uri = URI.create(requestLine[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
      }
      Map<String, String> params = PercentEncoding.decodeForm(uri.getRawQuery());
      return new AuthRequest(requestLine[0], uri.getRawPath(), params, headers, new byte[0]);
    }

    /** The Signature parameter (V1) or the Signature element of Authorization (V3). */
    String sentSignature() {
      AuthRequest r = toAuthRequest();
      return r.header("Authorization").map(h -> SignatureV3.parseAuthorization(h).signature())
          .orElseGet(() -> r.parameters().get("Signature"));
    }
  }

  static final List<Captured> V1 = List.of(
      new Captured("DescribeRegions", """
POST /?SignatureVersion=1.0&Action=DescribeRegions&Format=JSON&SignatureNonce=265d1565f426739afe48fcf9322fe1d7&Version=2014-05-26&AccessKeyId=LTAI5tFakeAccessKeyId&Signature=aDrn%2BALhZRBqcUJbFsIoXxx3X3s%3D&SignatureMethod=HMAC-SHA1&RegionId=cn-hangzhou&Timestamp=2026-11-28T15%3A22%3A41Z HTTP/1.1
Accept-Encoding: identity
x-sdk-invoke-type: normal
Accept: application/json
x-acs-action: DescribeRegions
x-sdk-client: Java/2.0.0
User-Agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 Core/4.7.3 HTTPClient/ApacheHttpClient
x-acs-version: 2014-05-26
Content-Type: application/x-www-form-urlencoded
Host: 127.0.0.1:18080
Connection: Keep-Alive""",
          "POST&%2F&AccessKeyId%3DLTAI5tFakeAccessKeyId%26Action%3DDescribeRegions%26Format%3DJSON%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D265d1565f426739afe48fcf9322fe1d7%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-28T15%253A22%253A41Z%26Version%3D2014-05-26"),
      new Captured("RunInstances", """
POST /?Action=RunInstances&UserData=I2Nsb3VkLWNvbmZpZwpob3N0bmFtZTogeAo%3D&Timestamp=2026-11-28T15%3A22%3A41Z&SystemDisk.Size=40&SystemDisk.PerformanceLevel=PL1&Format=JSON&Version=2014-05-26&ImageId=m-ubuntu2204&SystemDisk.Category=cloud_essd&InstanceType=ecs.g5.large&Tag.1.Key=env&DataDisk.1.Size=100&SecurityGroupId=sg-abc&VSwitchId=vsw-abc&Amount=2&InstanceName=web%201&DataDisk.1.Category=cloud_ssd&DataDisk.1.DeleteWithInstance=true&SignatureVersion=1.0&SignatureNonce=f4a8ccdffb4a9788d73da479a696f60f&AccessKeyId=LTAI5tFakeAccessKeyId&Tag.1.Value=dev*%7E%20x&Signature=jyaClXzKaBIdGgydsqRbalEtLd8%3D&SignatureMethod=HMAC-SHA1&RegionId=cn-hangzhou&ClientToken=tok-0001 HTTP/1.1
Accept-Encoding: identity
x-sdk-invoke-type: normal
Accept: application/json
x-acs-action: RunInstances
x-sdk-client: Java/2.0.0
User-Agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 Core/4.7.3 HTTPClient/ApacheHttpClient
x-acs-version: 2014-05-26
Content-Type: application/x-www-form-urlencoded
Host: 127.0.0.1:18080
Connection: Keep-Alive""",
          "POST&%2F&AccessKeyId%3DLTAI5tFakeAccessKeyId%26Action%3DRunInstances%26Amount%3D2%26ClientToken%3Dtok-0001%26DataDisk.1.Category%3Dcloud_ssd%26DataDisk.1.DeleteWithInstance%3Dtrue%26DataDisk.1.Size%3D100%26Format%3DJSON%26ImageId%3Dm-ubuntu2204%26InstanceName%3Dweb%25201%26InstanceType%3Decs.g5.large%26RegionId%3Dcn-hangzhou%26SecurityGroupId%3Dsg-abc%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Df4a8ccdffb4a9788d73da479a696f60f%26SignatureVersion%3D1.0%26SystemDisk.Category%3Dcloud_essd%26SystemDisk.PerformanceLevel%3DPL1%26SystemDisk.Size%3D40%26Tag.1.Key%3Denv%26Tag.1.Value%3Ddev%252A~%2520x%26Timestamp%3D2026-11-28T15%253A22%253A41Z%26UserData%3DI2Nsb3VkLWNvbmZpZwpob3N0bmFtZTogeAo%253D%26VSwitchId%3Dvsw-abc%26Version%3D2014-05-26"),
      new Captured("DescribeInstances", """
POST /?SignatureVersion=1.0&Action=DescribeInstances&Format=JSON&PageSize=10&SignatureNonce=5510d94172dbeeabb44c14258b3dbfae&Version=2014-05-26&AccessKeyId=LTAI5tFakeAccessKeyId&Signature=fWsqTvOU9u0Esax18fqdNUxEbmc%3D&SignatureMethod=HMAC-SHA1&RegionId=cn-hangzhou&InstanceIds=%5B%22i-abc123%22%5D&Timestamp=2026-11-28T15%3A22%3A41Z HTTP/1.1
Accept-Encoding: identity
x-sdk-invoke-type: normal
Accept: application/json
x-acs-action: DescribeInstances
x-sdk-client: Java/2.0.0
User-Agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 Core/4.7.3 HTTPClient/ApacheHttpClient
x-acs-version: 2014-05-26
Content-Type: application/x-www-form-urlencoded
Host: 127.0.0.1:18080
Connection: Keep-Alive""",
          "POST&%2F&AccessKeyId%3DLTAI5tFakeAccessKeyId%26Action%3DDescribeInstances%26Format%3DJSON%26InstanceIds%3D%255B%2522i-abc123%2522%255D%26PageSize%3D10%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D5510d94172dbeeabb44c14258b3dbfae%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-28T15%253A22%253A41Z%26Version%3D2014-05-26"),
      new Captured("DeleteInstance", """
POST /?SignatureVersion=1.0&Action=DeleteInstance&Format=JSON&SignatureNonce=fce9bc4c39853b4c02b843ccf4b5223e&Version=2014-05-26&InstanceId=i-missing&AccessKeyId=LTAI5tFakeAccessKeyId&Signature=rhgCjsgwdsmeSguRSUeDZBW%2F9lg%3D&SignatureMethod=HMAC-SHA1&RegionId=cn-hangzhou&Timestamp=2026-11-28T15%3A22%3A41Z HTTP/1.1
Accept-Encoding: identity
x-sdk-invoke-type: normal
Accept: application/json
x-acs-action: DeleteInstance
x-sdk-client: Java/2.0.0
User-Agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 Core/4.7.3 HTTPClient/ApacheHttpClient
x-acs-version: 2014-05-26
Content-Type: application/x-www-form-urlencoded
Host: 127.0.0.1:18080
Connection: Keep-Alive""",
          "POST&%2F&AccessKeyId%3DLTAI5tFakeAccessKeyId%26Action%3DDeleteInstance%26Format%3DJSON%26InstanceId%3Di-missing%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dfce9bc4c39853b4c02b843ccf4b5223e%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-28T15%253A22%253A41Z%26Version%3D2014-05-26"),
      new Captured("DescribeZones", """
POST /?SignatureVersion=1.0&Action=DescribeZones&Format=JSON&SignatureNonce=0fb4b1ec22c174f4ff28d95e9a08842d&Version=2014-05-26&AccessKeyId=LTAI5tFakeAccessKeyId&Signature=BLNdxw%2B2EE%2FZnl5yO6lOynp15WU%3D&SignatureMethod=HMAC-SHA1&RegionId=local-1&Timestamp=2026-11-28T15%3A22%3A41Z HTTP/1.1
Accept-Encoding: identity
x-sdk-invoke-type: normal
Accept: application/json
x-acs-action: DescribeZones
x-sdk-client: Java/2.0.0
User-Agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 Core/4.7.3 HTTPClient/ApacheHttpClient
x-acs-version: 2014-05-26
Content-Type: application/x-www-form-urlencoded
Host: 127.0.0.1:18080
Connection: Keep-Alive""",
          "POST&%2F&AccessKeyId%3DLTAI5tFakeAccessKeyId%26Action%3DDescribeZones%26Format%3DJSON%26RegionId%3Dlocal-1%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0fb4b1ec22c174f4ff28d95e9a08842d%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-28T15%253A22%253A41Z%26Version%3D2014-05-26"));

  static final List<Captured> V3 = List.of(
      new Captured("DescribeRegions", """
POST / HTTP/1.1
Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tFakeAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=801681dbfbaeec3e6413f269cafc1c227673f5c7983f13d72286dc8a748bada1
x-acs-action: DescribeRegions
host: 127.0.0.1:18080
x-acs-date: 2026-11-28T15:22:35Z
x-acs-version: 2014-05-26
x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-acs-signature-nonce: 5fbb01c5aef4d405b632000731d6f3b1
user-agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 tea-util/0.2.21 TeaDSL/1
accept: application/json
Transfer-Encoding: chunked
Connection: Keep-Alive
Accept-Encoding: gzip""",
          "POST\n/\n\nhost:127.0.0.1:18080\nx-acs-action:DescribeRegions\nx-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2026-11-28T15:22:35Z\nx-acs-signature-nonce:5fbb01c5aef4d405b632000731d6f3b1\nx-acs-version:2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      new Captured("RunInstances", """
POST /?DataDisk.1.Category=cloud_essd&Tag.1.Key=env&DataDisk.1.Size=100&UserData=I2Nsb3VkLWNvbmZpZwo%3D&DataDisk.1.PerformanceLevel=PL2&Amount=1&Tag.1.Value=dev&ImageId=m-ubuntu2204&RegionId=cn-hangzhou&InstanceType=ecs.g5.large HTTP/1.1
Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tFakeAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=fc8d594eefe5f9916894696ba3a158ff5eabdbd0046942444157b8eb854ba61c
x-acs-action: RunInstances
host: 127.0.0.1:18080
x-acs-date: 2026-11-28T15:22:35Z
x-acs-version: 2014-05-26
x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-acs-signature-nonce: 25d3860918beb93a465776868b159663
user-agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 tea-util/0.2.21 TeaDSL/1
accept: application/json
Transfer-Encoding: chunked
Connection: Keep-Alive
Accept-Encoding: gzip""",
          "POST\n/\nAmount=1&DataDisk.1.Category=cloud_essd&DataDisk.1.PerformanceLevel=PL2&DataDisk.1.Size=100&ImageId=m-ubuntu2204&InstanceType=ecs.g5.large&RegionId=cn-hangzhou&Tag.1.Key=env&Tag.1.Value=dev&UserData=I2Nsb3VkLWNvbmZpZwo%3D\nhost:127.0.0.1:18080\nx-acs-action:RunInstances\nx-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2026-11-28T15:22:35Z\nx-acs-signature-nonce:25d3860918beb93a465776868b159663\nx-acs-version:2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      new Captured("DeleteInstance", """
POST /?InstanceId=i-missing HTTP/1.1
Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tFakeAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=52aac323d8a54ca06b94ea0ed80445f895e1690fb132fda28e755b14d62dee40
x-acs-action: DeleteInstance
host: 127.0.0.1:18080
x-acs-date: 2026-11-28T15:22:35Z
x-acs-version: 2014-05-26
x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-acs-signature-nonce: 56c68637c6efc2de69077eaf478c3e5c
user-agent: AlibabaCloud (Linux; amd64) Java/17.0.15+6-Debian-1deb12u1 tea-util/0.2.21 TeaDSL/1
accept: application/json
Transfer-Encoding: chunked
Connection: Keep-Alive
Accept-Encoding: gzip""",
          "POST\n/\nInstanceId=i-missing\nhost:127.0.0.1:18080\nx-acs-action:DeleteInstance\nx-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-acs-date:2026-11-28T15:22:35Z\nx-acs-signature-nonce:56c68637c6efc2de69077eaf478c3e5c\nx-acs-version:2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

  private CapturedRequests() {}
}
