// HTTPS end to end: `truce serve --tls-cert --tls-key`, and truce's clients
// checking the server's certificate against a CA file or a pinned key.
#include "run_truce.h"
#include "serve_fixture.h"

namespace truce::testing {
namespace {

class Tls : public Serve {
 protected:
  static void SetUpTestSuite() {
    // A certificate of its own for 127.0.0.1, made with Debian's openssl.
    cert_dir_ = std::filesystem::temp_directory_path() / ("truce-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(cert_dir_);
    for (const char* name : {"center", "other"}) {
      std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=" +
                        std::string(name) + " -addext subjectAltName=IP:127.0.0.1 -keyout " +
                        (cert_dir_ / (std::string(name) + ".key")).string() + " -out " +
                        (cert_dir_ / (std::string(name) + ".pem")).string() + " 2>/dev/null";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
    }
    extra_args_ = {"--tls-cert", (cert_dir_ / "center.pem").string(), "--tls-key", (cert_dir_ / "center.key").string()};
    Serve::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    Serve::TearDownTestSuite();
    std::filesystem::remove_all(cert_dir_);
  }
  static std::string Url() { return "https://127.0.0.1:" + std::to_string(port_); }
  static std::string KeyFile() { return std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/keys/demo/tr-obs-1.key"; }
  static inline std::filesystem::path cert_dir_;
};

TEST_F(Tls, AClientWithTheCAOrThePinReadsAndOtherwiseRefuses) {
  const std::string center = (cert_dir_ / "center.pem").string(), other = (cert_dir_ / "other.pem").string();
  Outcome ok = Truce("get /healthz --server " + Url() + " --ca " + center);
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("\"status\":\"ok\""), std::string::npos) << ok.out;

  Outcome pin = Truce("keys pin --cert " + center);
  ASSERT_EQ(pin.code, 0) << pin.out;
  std::string p = pin.out.substr(0, pin.out.find('\n'));
  EXPECT_EQ(p.rfind("sha256/", 0), 0u);
  Outcome pinned = Truce("get /v1/mission --server " + Url() + " --pin " + p + " --key " + KeyFile());
  EXPECT_EQ(pinned.code, 0) << pinned.out;
  EXPECT_NE(pinned.out.find("idlib-2020"), std::string::npos);

  // Another certificate's CA, another key's pin, or no trust at all: refused
  // before a byte of the request is sent.
  Outcome wrong_ca = Truce("get /healthz --server " + Url() + " --ca " + other);
  EXPECT_NE(wrong_ca.code, 0);
  EXPECT_NE(wrong_ca.out.find("certificate does not check out"), std::string::npos) << wrong_ca.out;
  std::string other_pin = Truce("keys pin --cert " + other).out;
  other_pin = other_pin.substr(0, other_pin.find('\n'));
  Outcome wrong_pin = Truce("get /healthz --server " + Url() + " --pin " + other_pin);
  EXPECT_NE(wrong_pin.code, 0);
  EXPECT_NE(wrong_pin.out.find("not the --pin given"), std::string::npos) << wrong_pin.out;
  EXPECT_NE(Truce("get /healthz --server " + Url()).code, 0) << "the system's CAs do not know this certificate";
  // A plain-http client of the https server gets nothing from it.
  EXPECT_NE(Truce("get /healthz --server http://127.0.0.1:" + std::to_string(port_)).code, 0);
}

TEST_F(Tls, TheOfficersToolsSpeakHttpsToo) {
  const std::string m = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
  Outcome sim = Truce("sim --mission " + m + " --seed 5 --days 1 --rate 5000 --serve " + Url() + " --ca " +
                      (cert_dir_ / "center.pem").string() + " --key " + m + "/keys/demo/ru-obs-1.key --key " +
                      KeyFile() + " > /dev/null");
  EXPECT_EQ(sim.code, 0) << sim.out;
  Outcome list = Truce("review list --server " + Url() + " --ca " + (cert_dir_ / "center.pem").string() + " --key " +
                       std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/keys/demo/tr-lead.key");
  EXPECT_EQ(list.code, 0) << list.out;
  Outcome verify = Truce("verify " + Url() + "/v1/register/ --mission " + std::string(TRUCE_SOURCE_DIR) +
                         "/missions/idlib-2020 --ca " + (cert_dir_ / "center.pem").string() + " --key " + KeyFile());
  EXPECT_EQ(verify.code, 0) << verify.out;
}

}  // namespace
}  // namespace truce::testing
