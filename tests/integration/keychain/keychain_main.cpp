// main() of the keychain tests: a Qt event loop for QtKeychain's D-Bus jobs. CTest runs this
// executable through tests/tools/with-keyring.sh (a private D-Bus session and a throwaway keyring).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    return Catch::Session().run(argc, argv);
}
