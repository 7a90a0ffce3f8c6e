// Entry for the index page: the presenter URL `http://127.0.0.1:PORT/#token=…` lands there, so
// the index keeps the token for this tab (the deck pages it links to read it back) and takes it
// out of the address bar. The links themselves never carry it.
import { captureToken } from './token.ts';

captureToken();
