# Debian packages margin needs, and a function that installs the missing ones.
# Sourced by scripts/demo and scripts/test.

# To build and run margin.
BUILD_PACKAGES="gcc libc6-dev meson ninja-build pkg-config libsqlite3-dev libyaml-dev libncurses-dev
    libxml2-dev libzip-dev libxlsxwriter-dev nettle-dev"
# To run every test: statistics cross-checks (sklearn, nltk), memcheck, formatting, terminal
# tests, running a command as an unprivileged user, the fuzz drivers (clang's libFuzzer), and
# checking REFI-QDA exports against the standard's schemas (xmllint), reading the .xlsx
# files margin writes (openpyxl), and the references of bench/run (the sqlite3 command line).
TEST_PACKAGES="python3 python3-sklearn python3-nltk valgrind clang-format scdoc tmux util-linux
    clang libclang-rt-14-dev libxml2-utils python3-openpyxl sqlite3"

# ensure_packages PACKAGE...: installs those not yet installed (after apt-get update).
ensure_packages() {
    missing=""
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $package"
        fi
    done
    [ -n "$missing" ] || return 0
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "margin needs these Debian packages; install them as root:$missing" >&2
            return 1
        fi
        sudo=sudo
    fi
    echo "Installing Debian packages:$missing" >&2
    # shellcheck disable=SC2086
    $sudo apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# configure DIR [MESON OPTIONS...]: sets up a build directory, or configures an existing one
# again so that it finds programs installed since (valgrind, scdoc, clang).
configure() {
    dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        set -- --reconfigure "$@"
    fi
    if ! meson setup "$dir" "$@" >"$dir.setup.log" 2>&1; then
        cat "$dir.setup.log" >&2
        return 1
    fi
    rm -f "$dir.setup.log"
}
