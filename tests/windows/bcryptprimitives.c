/* Test-only shim for running bangtin.exe under Wine 8, never shipped: Rust's
 * standard library gets random bytes from ProcessPrng in bcryptprimitives.dll,
 * which Windows 10 and 11 have and Wine 8 lacks. This one forwards to
 * RtlGenRandom (SystemFunction036 in advapi32), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
