class AwsBaseHook:
    """Returns AwsBaseHook.clients[client_type] (set by the test) from get_conn()."""

    clients = {}
    created = []

    def __init__(self, aws_conn_id="aws_default", verify=None, region_name=None, client_type=None, resource_type=None, config=None):
        self.aws_conn_id = aws_conn_id
        self.client_type = client_type
        AwsBaseHook.created.append(self)

    def get_conn(self):
        return AwsBaseHook.clients[self.client_type]
