# Sourced by ./northstar and .ci/run: exports JAVA_HOME as a JDK 21 or newer, or stops with what is missing.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm (newest first).

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

pick_java_home() {
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    if [ -d /usr/lib/jvm ]; then
        while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
    fi
    local home major
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        major=$(java_major "$home")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            export JAVA_HOME="$home"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "Northstar needs a JDK 21 or newer (javac included). None found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless, or a Temurin 21/25) and run again." >&2
    return 1
}

pick_java_home
