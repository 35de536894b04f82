import sys

print("notify", sys.argv)
