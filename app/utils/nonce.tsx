import { createContext, useContext } from "react";

// The CSP nonce of this response, for the few inline scripts a page has. In the
// browser it is empty: scripts added after load need none, and browsers hide
// the attribute's value anyway.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
