// How many Ed25519 verifications this machine does per second, on one
// thread and on all: the floor under `truce verify` (one verification per
// signed entry). libsodium, as truce uses it.
//
//   truce_bench_ed25519 [--count N]
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  int n = argc > 2 && std::strcmp(argv[1], "--count") == 0 ? std::atoi(argv[2]) : 20000;
  unsigned char pk[32], sk[64], sig[64], msg[600];
  std::memset(msg, 'a', sizeof msg);
  crypto_sign_keypair(pk, sk);
  crypto_sign_detached(sig, nullptr, msg, sizeof msg, sk);
  const unsigned all = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads : {1u, all}) {
    std::vector<int> good(threads, 0);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (int i = 0; i < n; ++i) good[t] += crypto_sign_verify_detached(sig, msg, sizeof msg, pk) == 0;
      });
    }
    for (auto& th : pool) th.join();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%u thread%s: %.0f Ed25519 verifications/s (600-byte messages)\n", threads, threads > 1 ? "s" : "",
                double(threads) * n / s);
    if (threads == all) break;
  }
  return 0;
}
