// The keychain module's one exported function (see keychain_module.h); everything else in the
// module is hidden (CXX_VISIBILITY_PRESET in ui/CMakeLists.txt).

#include "ui/keychain/keychain_module.h"

#include "ui/keychain/headless_keychain.h"

extern "C" __attribute__((visibility("default"))) int
pindex_keychain_run_v1(const pindex::ui::KeychainWork& work)
{
    return pindex::ui::runHeadlessKeychain(work);
}
