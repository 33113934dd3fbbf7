#!/usr/bin/env python3
"""Writes seeds/dfe_benchmarks.csv and seeds/statistical_neighbours.csv from DfE's published files.

    python3 seeds/make_dfe_seeds.py DIR

DIR holds the Department for Education's downloads (Open Government Licence v3), unchanged:
cla_number_and_rate_per_10k_children.csv (looked after on 31 March, starts and ceased, counts and
rates per 10,000, 2021-2025), c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv
(referrals, re-referral %, no-further-action %), ons_mid-year_population_estimates_2012_to_2024.csv
(0-17 population) and sn_model_2025_wide.csv (the 2025 statistical neighbour model).

Every published figure is copied as written (suppression markers such as c, x, z, u, low kept as
text); the one derived figure is the referral rate per 10,000, which the referrals table does not
give: referral_count x 10,000 / the 0-17 estimate of the mid-year before the year's end (as DfE's
rates use), rounded to one decimal like DfE's published rates.
"""
import csv
import os
import sys

def rows(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

def main(directory):
    out = [("year", "level", "code", "old_code", "name", "region_code", "region_name", "metric", "value")]
    level_name = {"National": "national", "Regional": "region", "Local authority": "local_authority"}

    def geography(r):
        level = level_name[r["geographic_level"]]
        if level == "national":
            return level, r["country_code"], "", r["country_name"]
        if level == "region":
            return level, r["region_code"], "", r["region_name"]
        return level, r["new_la_code"], r["old_la_code"], r["la_name"]

    cla_metric = {"Children looked after on 31 March each year": "lac",
                  "Children starting to be looked after each year": "lac_starts",
                  "Children ceasing to be looked after each year": "lac_ceased"}
    for r in rows(directory, "cla_number_and_rate_per_10k_children.csv"):
        level, code, old, name = geography(r)
        m = cla_metric[r["population_type"]]
        for metric, value in ((m, r["children_count"]), (m + "_rate_per_10k", r["rate_per_10000"])):
            out.append((r["time_period"], level, code, old, name, r["region_code"], r["region_name"], metric, value.strip()))

    population = {}
    for r in rows(directory, "ons_mid-year_population_estimates_2012_to_2024.csv"):
        level, code, old, name = geography(r)
        population[(code, int(r["time_period"]))] = r["population_estimate"]
    for r in rows(directory, "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"):
        if int(r["time_period"]) < 2021:
            continue
        level, code, old, name = geography(r)
        count, pop = r["referral_count"].strip(), population.get((code, int(r["time_period"]) - 1), "x")
        try:
            rate = "%.1f" % (float(count) * 10000 / float(pop))
        except (ValueError, ZeroDivisionError):
            rate = count if not count.replace(".", "").isdigit() else "x"
        for metric, value in (("referrals", count), ("referrals_rate_per_10k", rate),
                              ("re_referrals_pct", r["rereferral_percent"].strip()),
                              ("referrals_nfa_pct", r["no_further_action_percent"].strip())):
            out.append((r["time_period"], level, code, old, name, r["region_code"], r["region_name"], metric, value))

    seeds = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(seeds, "dfe_benchmarks.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out)

    neighbours = [("old_code", "name", "region_name") + tuple("sn_%d" % i for i in range(1, 11))]
    for r in rows(directory, "sn_model_2025_wide.csv"):
        neighbours.append((r["old_la_code"].strip(), r["la_name"].strip(), r["region_name"].strip())
                          + tuple(r["SN_%d" % i].strip() for i in range(1, 11)))
    with open(os.path.join(seeds, "statistical_neighbours.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(neighbours)
    print("wrote %d benchmark rows and %d authorities' neighbours" % (len(out) - 1, len(neighbours) - 1))

if __name__ == "__main__":
    main(sys.argv[1])
