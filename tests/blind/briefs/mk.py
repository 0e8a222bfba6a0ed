import csv, random, re, os, sys, glob
random.seed(int(sys.argv[1]))
sets = {170: "kmt", 171: "nru"}
pc_re = re.compile(r'\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b')
avoid = set()
for root in ["/work/main/tests", "/work/main/config", "/work/shared/examples", "/work/main/src"]:
    for dp, dn, fn in os.walk(root):
        for f in fn:
            try:
                t = open(os.path.join(dp, f), encoding="utf-8", errors="ignore").read().upper()
            except Exception:
                continue
            for m in pc_re.finditer(t):
                avoid.add(m.group(1) + " " + m.group(2))
names = {}
with open("/work/shared/data/mps/mp_lookup_dfe.csv", encoding="utf-8-sig") as f:
    for r in csv.DictReader(f):
        names[r["pcon_code"]] = r["pcon_name"]
rows = {"E": [], "S": [], "W": []}
with open("/work/shared/data/postcodes/postcode_pcon24_gb_derived.csv") as f:
    for r in csv.DictReader(f):
        if r["pqi"] != "10" or r["boundary_m"] or r["alt_pcon24cd"]:
            continue
        pc = r["pcds"]
        if pc in avoid or r["pcon24cd"] not in names:
            continue
        rows[r["pcon24cd"][0]].append((pc, r["pcon24cd"]))
nation = {"E": "england", "S": "scotland", "W": "wales"}
used = set()
for n, letters in sets.items():
    for x in letters:
        d = f"/tmp/blind{n}/brief-{x}"
        os.makedirs(d, exist_ok=True)
        pick = []
        for k, c in (("E", 50), ("S", 15), ("W", 15)):
            while c:
                pc, code = random.choice(rows[k])
                if pc in used: continue
                used.add(pc); pick.append((pc, nation[k], names[code])); c -= 1
        random.shuffle(pick)
        with open(f"{d}/allowed.csv", "w") as f:
            w = csv.writer(f); w.writerow(["postcode", "nation", "constituency"]); w.writerows(pick)
        with open(f"{d}/avoid.txt", "w") as f:
            f.write("\n".join(sorted(avoid)) + "\n")
print(len(avoid), {k: len(v) for k, v in rows.items()})
