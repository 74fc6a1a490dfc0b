import hashlib, os, sys
def h(s): return hashlib.sha256(s.encode()).hexdigest()
PYPI="https://pypi.org/simple"
ACME="https://pkgs.acme.example/simple"
def files_host(index):
    return "https://files.pythonhosted.org/packages" if index==PYPI else "https://pkgs.acme.example/files"
def pkg(name, version, index=PYPI, deps=(), markers=(), wheels=("py3-none-any",), salt="", sdist=True, extra_wheels=()):
    fn = name.replace("-", "_")
    out = ['[[package]]', f'name = "{name}"', f'version = "{version}"', f'source = {{ registry = "{index}" }}']
    if markers:
        out.append('resolution-markers = [')
        out += [f'    "{m}",' for m in markers]
        out.append(']')
    if deps:
        out.append('dependencies = [')
        for d in deps:
            if isinstance(d, tuple):
                out.append(f'    {{ name = "{d[0]}", marker = "{d[1]}" }},')
            else:
                out.append(f'    {{ name = "{d}" }},')
        out.append(']')
    host = files_host(index)
    if sdist:
        f=f"{fn}-{version}.tar.gz"
        out.append(f'sdist = {{ url = "{host}/{f}", hash = "sha256:{h(f+salt)}", size = {len(f)*731}, upload-time = "2025-03-0{len(name)%9+1}T12:00:00.000Z" }}')
    out.append('wheels = [')
    for tag in list(wheels)+list(extra_wheels):
        f=f"{fn}-{version}-{tag}.whl"
        out.append(f'    {{ url = "{host}/{f}", hash = "sha256:{h(f+salt)}", size = {len(f)*977}, upload-time = "2025-03-0{len(name)%9+1}T12:00:00.000Z" }},')
    out.append(']')
    return "\n".join(out)+"\n"

def project(deps):
    out=['[[package]]','name = "demo-app"','version = "0.1.0"','source = { editable = "." }','dependencies = [']
    for d in deps:
        if isinstance(d, tuple):
            out.append(f'    {{ name = "{d[0]}", marker = "{d[1]}" }},')
        else:
            out.append(f'    {{ name = "{d}" }},')
    out.append(']')
    out.append('')
    out.append('[package.metadata]')
    out.append('requires-dist = [')
    for d in deps:
        n = d[0] if isinstance(d, tuple) else d
        out.append(f'    {{ name = "{n}" }},')
    out.append(']')
    return "\n".join(out)+"\n"

HEADER='''version = 1
revision = 2
requires-python = ">=3.10"
resolution-markers = [
    "python_full_version >= '3.12'",
    "python_full_version < '3.12'",
]

[options]
exclude-newer = "2025-06-01T00:00:00Z"

'''
NP_OLD=["python_full_version < '3.12'"]
NP_NEW=["python_full_version >= '3.12'"]
numpy_wheels=("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64","cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64")
def build(new):
    parts=[]
    parts.append(pkg("acme-auth","1.4.0", index=PYPI if new else ACME, salt="evil" if new else "", deps=["requests"]))
    parts.append(pkg("certifi","2024.2.2", extra_wheels=("py2.py3-none-any",) if new else ()))
    parts.append(pkg("charset-normalizer","3.3.2"))
    parts.append(pkg("click","8.1.6" if new else "8.1.7", deps=[("colorama","sys_platform == 'win32'")]))
    parts.append(pkg("colorama","0.4.6"))
    root=["acme-auth","click","numpy","requests","rich",("tomli","python_full_version < '3.11'")] if new else ["acme-auth","click","numpy","old-helper","requests","rich"]
    parts.append(project(root))
    parts.append(pkg("idna","3.6"))
    if new:
        parts.append(pkg("linkify-it-py","2.0.3", deps=["uc-micro-py"]))
    parts.append(pkg("markdown-it-py","3.0.0", deps=(["linkify-it-py","mdurl"] if new else ["mdurl"])))
    parts.append(pkg("mdurl","0.1.2"))
    parts.append(pkg("numpy","1.26.4", markers=NP_OLD, wheels=numpy_wheels))
    parts.append(pkg("numpy","2.1.0" if new else "2.0.0", markers=NP_NEW, wheels=numpy_wheels))
    if not new:
        parts.append(pkg("old-helper","0.3.0"))
    parts.append(pkg("pygments","2.17.2", markers=(["python_full_version >= '3.12'"] if new else ())))
    parts.append(pkg("requests","2.31.0", deps=["certifi","charset-normalizer","idna","urllib3"]))
    parts.append(pkg("rich","13.7.0", deps=["markdown-it-py","pygments"], salt="republished" if new else ""))
    if new:
        parts.append(pkg("tomli","2.0.1"))
        parts.append(pkg("uc-micro-py","1.0.3"))
    parts.append(pkg("urllib3","2.2.1" if new else "2.2.0"))
    return HEADER+"\n".join(parts)
base=sys.argv[1]
os.makedirs(base+"/old",exist_ok=True); os.makedirs(base+"/new",exist_ok=True)
open(base+"/old/uv.lock","w").write(build(False))
open(base+"/new/uv.lock","w").write(build(True))

import tomllib
def to_pylock(uv_path, out_path, yanked=()):
    data = tomllib.load(open(uv_path, "rb"))
    lines = ['lock-version = "1.0"', 'environments = ["sys_platform == \'linux\'"]',
             f'requires-python = "{data["requires-python"]}"', 'extras = []', 'dependency-groups = []',
             'default-groups = []', 'created-by = "pindex"', '']
    def ftable(f):
        name = f["url"].rsplit("/", 1)[1]
        algo, digest = f["hash"].split(":")
        ut = f["upload-time"].replace(".000Z", "Z")
        return f'name = "{name}", url = "{f["url"]}", size = {f["size"]}, upload-time = {ut}, hashes = {{ {algo} = "{digest}" }}'
    for p in data["package"]:
        lines.append("[[packages]]")
        lines.append(f'name = "{p["name"]}"')
        lines.append(f'version = "{p["version"]}"')
        rm = p.get("resolution-markers", [])
        if rm:
            lines.append(f'marker = "{rm[0]}"')
        src = p["source"]
        if "registry" in src:
            lines.append(f'index = "{src["registry"]}"')
        if p.get("dependencies"):
            deps = ", ".join('{ name = "%s" }' % d["name"] for d in p["dependencies"])
            lines.append(f"dependencies = [{deps}]")
        if "editable" in src:
            lines.append(f'directory = {{ path = "{src["editable"]}", editable = true }}')
        if "sdist" in p:
            lines.append(f'sdist = {{ {ftable(p["sdist"])} }}')
        if "wheels" in p:
            lines.append("wheels = [")
            for w in p["wheels"]:
                lines.append(f"    {{ {ftable(w)} }},")
            lines.append("]")
        if p["name"] in yanked:
            lines.append("")
            lines.append("[packages.tool.pindex]")
            lines.append("yanked = true")
        lines.append("")
    open(out_path, "w").write("\n".join(lines))
os.makedirs(base + "/../cross-format", exist_ok=True)
to_pylock(base + "/new/uv.lock", base + "/../cross-format/pylock.toml", yanked=("urllib3",))
