# Sourced by the scripts: tools on PATH exactly as Trunk expects them, and no
# network access from Trunk (it would otherwise check for a newer version).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
export CHROMEDRIVER=/usr/bin/chromedriver
