# Stand-in Spark job for the emrcluster template tests: only its upload as an
# asset and the instance role's read grant are checked.
print("nightly")
