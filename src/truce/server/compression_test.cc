#include "truce/server/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace truce::server {
namespace {

std::string Gunzip(const std::string& gz) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = uInt(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string Header(const HttpResponse& res, const std::string& name) {
  for (const auto& [k, v] : res.headers) {
    if (k == name) return v;
  }
  return "";
}

HttpRequest Asking(const std::string& accept_encoding) {
  HttpRequest req;
  req.method = "GET";
  if (!accept_encoding.empty()) req.headers.emplace_back("accept-encoding", accept_encoding);
  return req;
}

HttpResponse Json(size_t size) {
  HttpResponse res;
  res.body = "[";
  while (res.body.size() < size) res.body += "{\"incident\":\"INC-0001\",\"category\":\"shelling\"},";
  res.body.back() = ']';
  return res;
}

TEST(Compression, TheClientsAcceptEncodingDecides) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzipped"));
}

TEST(Compression, OnlyTextLikeTypes) {
  for (const char* t : {"application/json", "application/geo+json", "text/event-stream", "text/csv; charset=utf-8",
                        "application/javascript", "text/css", "text/html", "image/svg+xml"}) {
    EXPECT_TRUE(CompressibleType(t)) << t;
  }
  for (const char* t : {"image/png", "application/octet-stream", "font/woff2", "application/gzip"}) {
    EXPECT_FALSE(CompressibleType(t)) << t;
  }
}

TEST(Compression, ABigJsonAnswerIsGzippedAndDecodesToTheSameBytes) {
  HttpResponse res = Json(64 << 10);
  const std::string plain = res.body;
  MaybeCompress(Asking("gzip, deflate"), res);
  EXPECT_EQ(Header(res, "Content-Encoding"), "gzip");
  EXPECT_EQ(Header(res, "Vary"), "Accept-Encoding");
  EXPECT_LT(res.body.size(), plain.size() / 4);
  EXPECT_EQ(Gunzip(res.body), plain);
}

TEST(Compression, NotWithoutAcceptEncodingButTheAnswerSaysItVaries) {
  HttpResponse res = Json(4096);
  const std::string plain = res.body;
  MaybeCompress(Asking(""), res);
  EXPECT_EQ(res.body, plain);
  EXPECT_EQ(Header(res, "Content-Encoding"), "");
  EXPECT_EQ(Header(res, "Vary"), "Accept-Encoding");
}

TEST(Compression, SmallStreamedBinaryOrAlreadyEncodedAnswersAreLeftAlone) {
  HttpResponse small = Json(100);
  const std::string plain = small.body;
  MaybeCompress(Asking("gzip"), small);
  EXPECT_EQ(small.body, plain);
  EXPECT_TRUE(small.headers.empty());

  HttpResponse png = Json(4096);
  png.content_type = "image/png";
  MaybeCompress(Asking("gzip"), png);
  EXPECT_TRUE(png.headers.empty());

  HttpResponse pre = Json(4096);
  pre.content_type = "application/javascript";
  pre.headers.emplace_back("Content-Encoding", "gzip");
  const std::string body = pre.body;
  MaybeCompress(Asking("gzip"), pre);
  EXPECT_EQ(pre.body, body);
  EXPECT_EQ(pre.headers.size(), 1u);

  HttpResponse sse;
  sse.content_type = "text/event-stream";
  sse.body = std::string(4096, 'x');
  sse.stream = [](std::string*) { return false; };
  MaybeCompress(Asking("gzip"), sse);
  EXPECT_TRUE(sse.headers.empty());
}

}  // namespace
}  // namespace truce::server
