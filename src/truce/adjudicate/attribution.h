// Attribution: how likely each party is to have done what an incident
// describes (docs/USER-GUIDE.md, "Who is responsible").
//
// * A firing point located by technical means (radar) gives it directly:
//   the party holding the ground there.
// * For indirect fire with back-azimuths (crater analysis, acoustic arrays),
//   the sector from the impact along each bearing ± its error, out to the
//   weapon class's range, is sampled on the ellipsoid; each sample weighs as
//   the product of every bearing's (normal) likelihood, and falls in some
//   party's control area or in none.
// * A weapon that stays where it is (a heavy weapon, an IED, a roadblock)
//   belongs, by default, to whoever holds the ground it is on.
// * Anything else (small-arms fire across the line, a drone of unknown
//   launch point) is left undetermined.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "truce/fusion/fusion.h"
#include "truce/mission/mission.h"
#include "truce/mission/tagger.h"

namespace truce::adjudicate {

struct Sector {
  double impact_lat = 0, impact_lon = 0;
  double azimuth_deg = 0, error_deg = 0;  // the combined back-azimuth
  double min_km = 0, max_km = 0;
};

struct Attribution {
  std::string method;                     // "radar", "sector", "ground", "none"
  std::map<std::string, double> parties;  // party → probability; "" is no control area
  std::optional<Sector> sector;
  std::string responsible;  // most likely party if ≥ threshold, else ""
  double probability = 0;   // of `responsible`, or of the likeliest
  std::string why;          // in plain words
};

class Attributor {
 public:
  // REQUIRES: mission and tagger outlive the Attributor.
  Attributor(const Mission& mission, const Tagger& tagger, double threshold = 0.8);

  Attribution Attribute(const fusion::Incident& incident, const std::vector<fusion::Member>& members) const;

  // The party holding the ground at p at time t, or "".
  std::string Holder(double lat, double lon, int64_t t_ms) const;

 private:
  void Decide(Attribution* a) const;
  // Each holder's share of the ground within radius_m of (lat, lon), then Decide.
  void ShareOfGround(double lat, double lon, double radius_m, int64_t t_ms, Attribution* a) const;
  // One per method; each returns false when it does not apply.
  bool FromRadar(const fusion::Incident& inc, const std::vector<fusion::Member>& members, Attribution* a) const;
  bool FromBearings(const fusion::Incident& inc, const std::vector<fusion::Member>& members, Attribution* a) const;
  bool FromGround(const fusion::Incident& inc, Attribution* a) const;

  const Mission& mission_;
  const Tagger& tagger_;
  double threshold_;
  std::vector<std::string> zone_party_;  // zone index → the party holding it, "" if not a control area
};

}  // namespace truce::adjudicate
