// The whole of one stage library is linked into this program; main() calls nothing.
int main() { return 0; }
